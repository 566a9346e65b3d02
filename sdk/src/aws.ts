import { z } from 'zod';
import type { ConsoleUrlResult } from './presentation.js';

// Facts shared by the AWS platforms (S3, Glue, Redshift): the settings a console link needs and
// the account's sign-in URL, which opens the given console after signing in.

/**
 * Named settings of an AWS platform: the account and region its console link opens.
 *
 * @public
 */
export const awsSettings = z.object({
  accountId: z
    .string()
    .regex(/^\d{12}$/, 'Must be a 12-digit AWS account id')
    .optional()
    .meta({ description: 'The AWS account (12 digits) the data lives in.' }),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Must be an AWS region such as eu-west-1')
    .optional()
    .meta({ description: 'The AWS region, e.g. eu-west-1.' }),
});

/**
 * A link to one AWS console (`s3`, `athena`, ...) through the account's sign-in page, or the
 * settings that are missing.
 *
 * @public
 */
export function awsConsoleUrl(
  settings: Readonly<Record<string, unknown>>,
  console: string,
): ConsoleUrlResult {
  const { accountId, region } = settings;
  const missing = [
    ...(typeof accountId === 'string' ? [] : ['accountId']),
    ...(typeof region === 'string' ? [] : ['region']),
  ];
  if (missing.length > 0)
    return {
      reason: `The AWS ${missing.join(' and ')} of this platform ${missing.length > 1 ? 'are' : 'is'} not configured: an operator stores them with configurePlatformSettings.`,
    };
  return {
    url: `https://${accountId}.signin.aws.amazon.com/console/${console}?region=${region}`,
  };
}
