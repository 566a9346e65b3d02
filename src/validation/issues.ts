import type { ConfigIssue } from '@data-product-portal/plugin-sdk';
import type { z } from 'zod';

/**
 * One problem with a mutation's input. `path` starts at the argument, e.g.
 * `['input', 'glue', 'database']`; `field` is the same place inside the configuration (the member
 * of a `@oneOf` input), e.g. `['database']`, so a form puts the message beside its field. `field`
 * is empty for a problem with the input as a whole.
 */
export interface InputIssue {
  path: Array<string | number>;
  field: Array<string | number>;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

export function under(
  prefix: ReadonlyArray<string | number>,
  issues: readonly ConfigIssue[],
): InputIssue[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path],
    field: [...issue.path],
    message: issue.message,
  }));
}

export function zodIssues(
  prefix: ReadonlyArray<string | number>,
  error: { issues: readonly z.core.$ZodIssue[] },
): InputIssue[] {
  return under(
    prefix,
    error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    })),
  );
}
