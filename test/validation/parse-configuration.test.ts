import { type CheckContext, definePlugin } from '@data-product-portal/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { pluginView } from '../../src/catalog/plugin-view.js';
import { parseConfiguration } from '../../src/validation/parse-configuration.js';
import { examplePlugin } from '../fixtures/plugins/example/index.js';

// The example plugin has `bucket` (select, options from the `buckets` setting) and `note`.
const withCheck = definePlugin({
  ...examplePlugin,
  check: (value, context) =>
    value.note?.includes(value.bucket)
      ? []
      : [{ path: ['note'], message: `Must mention the bucket (${context.operation})` }],
});
const view = pluginView({ plugin: withCheck, source: 'test' });
const configured: CheckContext = {
  platformSettings: { buckets: ['raw', 'curated'] },
  operation: 'create',
};

describe('parseConfiguration', () => {
  it('returns the parsed value when the schema, the options and the plugin check agree', async () => {
    const result = await parseConfiguration(
      withCheck,
      view,
      { bucket: 'raw', note: 'raw data' },
      configured,
      ['input', 'example'],
    );
    expect(result).toEqual({ ok: true, value: { bucket: 'raw', note: 'raw data' } });
  });

  it('reports the plugin check and the option check together, under the input path', async () => {
    const result = await parseConfiguration(
      withCheck,
      view,
      { bucket: 'gold', note: 'x' },
      { ...configured, operation: 'update' },
      ['input', 'example'],
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ['input', 'example', 'bucket'],
          field: ['bucket'],
          message: '"gold" is not one of the configured buckets: raw, curated',
        },
        {
          path: ['input', 'example', 'note'],
          field: ['note'],
          message: 'Must mention the bucket (update)',
        },
      ],
    });
  });

  it('names schema problems and option problems of one input at once; the check waits for a valid value', async () => {
    const result = await parseConfiguration(
      withCheck,
      view,
      { bucket: 'gold', note: 7 },
      configured,
      ['in'],
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path.join('.'))).toEqual([
      'in.note',
      'in.bucket',
    ]);
  });

  it('refuses a value for a field whose dependsOn does not hold, naming both fields', async () => {
    const glue = (await import('../../plugins/glue/index.js')).default;
    const glueView = pluginView({ plugin: glue, source: 'test' });
    const context: CheckContext = {
      platformSettings: { databases: ['sales'] },
      operation: 'create',
    };
    const base = { database: 'sales', databaseSuffix: 'x' };
    const refused = await parseConfiguration(
      glue,
      glueView,
      { ...base, accessGranularity: 'schema', table: 'orders_only' },
      context,
      ['input', 'glue'],
    );
    expect(refused).toEqual({
      ok: false,
      issues: [
        {
          path: ['input', 'glue', 'table'],
          field: ['table'],
          message: 'Only used when accessGranularity is "table"; leave table out or send "*"',
        },
        {
          path: ['input', 'glue', 'accessGranularity'],
          field: ['accessGranularity'],
          message:
            'table "orders_only" is only used when accessGranularity is "table", not "schema": choose "table", or leave table out',
        },
      ],
    });
    // Left out (the granularity's default holds no table either), or its default: accepted.
    for (const input of [{ ...base, table: '*' }, base, { ...base, accessGranularity: 'schema' }])
      expect((await parseConfiguration(glue, glueView, input, context, [])).ok).toBe(true);
    const tableLevel = { ...base, accessGranularity: 'table', table: 'orders_only' };
    expect(await parseConfiguration(glue, glueView, tableLevel, context, [])).toMatchObject({
      ok: true,
      value: { table: 'orders_only', tablePath: 'orders_only' },
    });
  });

  it('says when the platform has no options configured', async () => {
    const result = await parseConfiguration(
      withCheck,
      view,
      { bucket: 'raw', note: 'raw' },
      { platformSettings: null, operation: 'create' },
      [],
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ['bucket'],
          field: ['bucket'],
          message:
            'Platform example has no buckets configured; an operator sets them with configurePlatform',
        },
      ],
    });
  });

  it('holds a bare z.string() to the text rules before the plugin sees it, naming every field', async () => {
    const seen: unknown[] = [];
    const watching = definePlugin({
      ...examplePlugin,
      check: (value) => {
        seen.push(value);
        return [];
      },
    });
    const result = await parseConfiguration(
      watching,
      pluginView({ plugin: watching, source: 'test' }),
      { bucket: 'gold', note: `x${'\u0000'}` },
      configured,
      ['input', 'example'],
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ['input', 'example', 'note'],
          field: ['note'],
          message: 'Must not contain the NUL character (U+0000), found at character 2',
        },
        {
          path: ['input', 'example', 'bucket'],
          field: ['bucket'],
          message: '"gold" is not one of the configured buckets: raw, curated',
        },
      ],
    });
    expect(seen).toEqual([]);
  });

  it.each([
    ['a megabyte', 'x'.repeat(1 << 20), 'Must be at most 1024 characters (this one has 1048576)'],
    [
      'a lone surrogate',
      '\udfff',
      'Must be valid Unicode: an unpaired surrogate (U+DFFF) is at character 1',
    ],
    ['whitespace only', ' \t ', 'Must not be blank (only whitespace)'],
  ])('refuses %s in a bare z.string()', async (_case, note, message) => {
    const result = await parseConfiguration(
      withCheck,
      view,
      { bucket: 'raw', note },
      configured,
      [],
    );
    expect(result).toEqual({ ok: false, issues: [{ path: ['note'], field: ['note'], message }] });
  });

  it('states the limit in the description and JSON Schema of every string field', () => {
    const note = view.fields.find((field) => field.name === 'note');
    expect(note?.maxLength).toBe(1024);
    expect(note?.description).toBe('A free note. At most 1024 characters.');
    // The form's JSON Schema holds the form fields: a stored field like `note` is not one.
    const properties = view.jsonSchemas['draft-07'].properties as Record<
      string,
      Record<string, unknown>
    >;
    expect(properties.bucket).toMatchObject({
      maxLength: 1024,
      description: 'The bucket. At most 1024 characters.',
    });
  });
});
