import type { z } from 'zod';
import type { CheckContext, ConfigIssue } from '../check.js';

// How the service validates a configuration input beyond the plugin's own schema and check: the
// wording of an empty required string, and the configured options of `optionsFrom` fields. The
// conformance kit applies the same, so a plugin's example inputs are judged as the service would.

/**
 * Zod's default wording for `.min(1)` and `.max(n)` on a string ("Too small: expected string to
 * have \>=1 characters") replaced for end users; messages a plugin gives its schema take precedence.
 *
 * @internal
 */
export const friendlierMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1)
    return 'Must not be empty';
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `Must be at most ${issue.maximum} characters`;
  return undefined;
};

/**
 * The fields whose value must be one of the platform's configured options.
 *
 * @internal
 */
export interface OptionsField {
  name: string;
  optionsFrom: string | null;
  /** Such a field also accepts a value starting with the owner's namespace (the portal's rule). */
  useNamespaceWhenNotSourceAligned?: boolean;
}

/**
 * One issue per field holding a value the platform's settings do not list.
 *
 * @internal
 */
export function optionIssues(
  platform: string,
  fields: readonly OptionsField[],
  value: Readonly<Record<string, unknown>>,
  context: Pick<CheckContext, 'platformSettings' | 'owner'>,
): ConfigIssue[] {
  const namespace = context.owner?.namespace;
  return fields.flatMap((field) => {
    const chosen = value[field.name];
    if (field.optionsFrom === null || chosen === undefined || chosen === null || chosen === '')
      return [];
    const options = context.platformSettings?.[field.optionsFrom] ?? [];
    if (options.includes(String(chosen))) return [];
    // A product's own container is named after its namespace; operators do not list every one.
    if (field.useNamespaceWhenNotSourceAligned && namespace && String(chosen).startsWith(namespace))
      return [];
    const message =
      options.length === 0
        ? `Platform ${platform} has no ${field.optionsFrom} configured; an operator sets them with configurePlatform`
        : `"${String(chosen)}" is not one of the configured ${field.optionsFrom}: ${options.join(', ')}`;
    return [{ path: [field.name], message }];
  });
}
