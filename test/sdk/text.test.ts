import {
  containerField,
  IDENTIFIER_MAX_LENGTH,
  identifier,
  schemaField,
  TEXT_MAX_LENGTH,
  tableAccessFields,
  text,
  textProblem,
} from '@data-product-portal/plugin-sdk';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

const messages = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('the SDK text rules', () => {
  it.each([
    ['sales', undefined],
    ['', undefined],
    ['日本語 and emoji 😀 (a surrogate pair)', undefined],
    ['a\u0000b', 'Must not contain the NUL character (U+0000), found at character 2'],
    ['ab\ud800', 'Must be valid Unicode: an unpaired surrogate (U+D800) is at character 3'],
    ['\udc00x', 'Must be valid Unicode: an unpaired surrogate (U+DC00) is at character 1'],
    [' \t\n', 'Must not be blank (only whitespace)'],
    ['\u00a0\u2003', 'Must not be blank (only whitespace)'],
  ])('textProblem(%j) is %j', (value, problem) => {
    expect(textProblem(value)).toBe(problem);
  });

  it('bounds the length, without repeating the value', () => {
    expect(textProblem('x'.repeat(TEXT_MAX_LENGTH))).toBeUndefined();
    expect(textProblem('x'.repeat(TEXT_MAX_LENGTH + 1))).toBe(
      `Must be at most ${TEXT_MAX_LENGTH} characters (this one has ${TEXT_MAX_LENGTH + 1})`,
    );
    expect(textProblem('x'.repeat(1_000_000), 10)).toBe(
      'Must be at most 10 characters (this one has 1000000)',
    );
  });

  it('identifier() is required, at most 255 characters, and applies the rules', () => {
    const schema = identifier();
    expect(schema.maxLength).toBe(IDENTIFIER_MAX_LENGTH);
    expect(messages(schema, 'sales')).toEqual([]);
    expect(messages(schema, '')).toEqual(['Must not be empty']);
    expect(messages(schema, ' ')).toEqual(['Must not be blank (only whitespace)']);
    expect(messages(schema, 'x'.repeat(256))).toEqual(['Must be at most 255 characters']);
    expect(messages(schema, 'a\u0000')).toEqual([
      'Must not contain the NUL character (U+0000), found at character 2',
    ]);
  });

  it('text() may be empty and defaults to TEXT_MAX_LENGTH', () => {
    expect(text().maxLength).toBe(TEXT_MAX_LENGTH);
    expect(messages(text(), '')).toEqual([]);
    expect(messages(text(3), 'abcd')).toEqual(['Must be at most 3 characters']);
  });

  it("the SDK's own fields use them", () => {
    const fields = tableAccessFields('databasePath', 'database');
    expect(containerField('Database', 'The database.', 'databases').maxLength).toBe(255);
    expect(schemaField.maxLength).toBe(255);
    expect(messages(schemaField, '\ud800')).toHaveLength(1);
    expect(messages(fields.table, ' ')).toEqual(['Must not be blank (only whitespace)']);
    expect(messages(fields.bucketIdentifier, 'x'.repeat(256))).toHaveLength(1);
    expect(messages(fields.databasePath, 'x'.repeat(1025))).toHaveLength(1);
    expect(messages(fields.tablePath, '')).toEqual([]);
  });
});
