import { z } from 'zod';

/**
 * The longest name of a cloud platform object the SDK's fields accept (a database, catalog,
 * schema, table or bucket): 255 characters, the limit Snowflake, Databricks and Glue set.
 *
 * @public
 */
export const IDENTIFIER_MAX_LENGTH = 255;

/**
 * The longest value of a string configuration field that states no maximum of its own. The
 * service holds every plugin's string fields to it, including a bare `z.string()`.
 *
 * @public
 */
export const TEXT_MAX_LENGTH = 1024;

// With the `u` flag a surrogate range matches only unpaired halves: a pair is one code point.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function position(index: number): string {
  return `character ${index + 1}`;
}

/**
 * Why a string cannot be a configuration value, or `undefined` when it can: it is longer than
 * `maxLength`, holds the NUL character (U+0000, which PostgreSQL text cannot store) or a lone
 * surrogate (not Unicode; it cannot be encoded as UTF-8), or is blank (whitespace only). The
 * empty string is not blank: whether a field may be empty is its schema's `.min(1)`. The message
 * never repeats the value. The service applies these rules to every string of every plugin.
 *
 * @public
 */
export function textProblem(
  value: string,
  maxLength: number = TEXT_MAX_LENGTH,
): string | undefined {
  if (value.length > maxLength)
    return `Must be at most ${maxLength} characters (this one has ${value.length})`;
  const nul = value.indexOf('\u0000');
  if (nul >= 0) return `Must not contain the NUL character (U+0000), found at ${position(nul)}`;
  const lone = LONE_SURROGATE.exec(value);
  if (lone) {
    const code = value.charCodeAt(lone.index).toString(16).toUpperCase();
    return `Must be valid Unicode: an unpaired surrogate (U+${code}) is at ${position(lone.index)}`;
  }
  if (value.length > 0 && value.trim() === '') return 'Must not be blank (only whitespace)';
  return undefined;
}

/**
 * A string field of at most `maxLength` characters that `textProblem` accepts. It may be empty:
 * add `.min(1)` for a required field, or use `identifier()`.
 *
 * @public
 */
export function text(maxLength: number = TEXT_MAX_LENGTH): z.ZodString {
  return z
    .string()
    .max(maxLength, `Must be at most ${maxLength} characters`)
    .superRefine((value, ctx) => {
      // The length has its own check above; this one reports what is wrong inside the text.
      const problem = textProblem(value, Number.POSITIVE_INFINITY);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/**
 * The name of a cloud platform object: required, at most `IDENTIFIER_MAX_LENGTH` characters,
 * and accepted by `textProblem`.
 *
 * @public
 */
export function identifier(): z.ZodString {
  return text(IDENTIFIER_MAX_LENGTH).min(1, 'Must not be empty');
}
