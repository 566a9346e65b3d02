import {
  aws,
  awsConsoleUrl,
  awsSettings,
  definePlugin,
  dropEmptyPathSegments,
  formField,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

// Added in 1.2.0: the bucket ARN of each bucket per environment, for the technical information.
const namedSettings = awsSettings.extend({
  bucketArns: z.record(z.string(), z.string().min(1)).optional().meta({
    description: 'The ARN of each bucket (by the name the form offers) in the environment.',
  }),
});

const config = z.object({
  bucket: formField(z.string().min(1), {
    label: 'Bucket',
    description: 'The S3 bucket to give write access to.',
    widget: 'select',
    optionsFrom: 'buckets',
  }),
  // Hidden in the form: the frontend fills it with the data product namespace.
  suffix: formField(z.string().default(''), {
    label: 'Suffix',
    description:
      'Suffix of the path inside the bucket; the data product namespace when the product is not source aligned.',
    hidden: true,
    useNamespaceWhenNotSourceAligned: true,
  }),
  path: formField(z.string().min(1), {
    label: 'Path',
    tooltip: 'The name of the path to give write access to',
  }),
  // Added in 1.1.0. Configurations stored before it read back as STANDARD, S3's own default.
  storageClass: formField(
    z
      .enum(['STANDARD', 'INTELLIGENT_TIERING', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR'])
      .default('STANDARD'),
    {
      label: 'Storage class',
      tooltip: 'The S3 storage class of the objects written under the path',
      optionLabels: {
        STANDARD: 'Standard',
        INTELLIGENT_TIERING: 'Intelligent-Tiering',
        STANDARD_IA: 'Standard-IA (infrequent access)',
        ONEZONE_IA: 'One Zone-IA',
        GLACIER_IR: 'Glacier Instant Retrieval',
      },
    },
  ),
});

export default definePlugin({
  name: 'S3DataOutput',
  version: '1.2.0',
  description: 'Write access to a path in an Amazon S3 bucket.',
  platform: {
    key: 's3',
    displayName: 'S3',
    iconName: 's3-logo.svg',
    parentTile: aws,
    detailedName: 'Path',
    resultLabel: 'Resulting path',
    resultTooltip: 'The path you can access through this technical asset',
  },
  // Added in 1.2.0: what the portal shows around a configuration.
  resultString: { template: '{bucket}/{suffix}/{path}', postProcess: dropEmptyPathSegments },
  technicalInfo: {
    template: '{bucketArn}/{suffix}/{path}/*',
    postProcess: dropEmptyPathSegments,
    values: (config, settings) => ({
      bucketArn: (settings.bucketArns as Record<string, string> | undefined)?.[
        String(config.bucket)
      ],
    }),
  },
  namedSettings,
  consoleUrl: ({ settings }) => awsConsoleUrl(settings, 's3'),
  config,
  prismaFragment: new URL('../model.prisma', import.meta.url),
  migrations: new URL('../migrations/', import.meta.url),
});
