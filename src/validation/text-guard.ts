import { type ConfigIssue, textProblem } from '@data-product-portal/plugin-sdk';
import type { ConfigField } from '../config-schema/describe.js';

/**
 * The host's check of every string of a configuration input, before the plugin sees it: the
 * SDK's text rules (length, NUL, lone surrogates, blank) hold for every plugin, also for fields a
 * plugin declares as a bare `z.string()`.
 */
export function textIssues(
  fields: readonly ConfigField[],
  input: Readonly<Record<string, unknown>>,
): ConfigIssue[] {
  return fields.flatMap((field) => {
    const value = input[field.name];
    if (field.maxLength === undefined || typeof value !== 'string') return [];
    const problem = textProblem(value, field.maxLength);
    return problem ? [{ path: [field.name], message: problem }] : [];
  });
}
