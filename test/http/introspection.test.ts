import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { graphql, startTestService } from '../support/service.js';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  description: string | null;
  defaultValue: string | null;
  type: TypeRef;
}

const INPUT_TYPE = `query($name: String!) { __type(name: $name) { kind description
  inputFields { name description defaultValue type { kind name ofType { kind name enumValues { name } } } } } }`;

function typeName(ref: TypeRef): string {
  return ref.kind === 'NON_NULL' && ref.ofType ? `${typeName(ref.ofType)}!` : (ref.name ?? '?');
}

describe('introspection of a plugin input type', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service?.close());

  it('is enough for a form: descriptions, defaults, enums, non-null required fields, form order', async () => {
    const { data } = await graphql<{
      __type: { kind: string; description: string; inputFields: InputValue[] };
    }>(service, INPUT_TYPE, {
      name: 'GlueDataOutputInput',
    });
    const input = data?.__type;
    expect(input?.kind).toBe('INPUT_OBJECT');
    expect(input?.description).toContain('Glue');
    const fields = input?.inputFields ?? [];
    expect(fields.map((f) => [f.name, typeName(f.type), f.defaultValue])).toEqual([
      ['database', 'String!', null],
      ['databaseSuffix', 'String!', null],
      ['accessGranularity', 'AccessGranularity!', 'schema'],
      ['table', 'String!', '"*"'],
      ['bucketIdentifier', 'String!', '""'],
      ['databasePath', 'String!', '""'],
      ['tablePath', 'String!', '""'],
    ]);
    for (const field of fields) expect(field.description, field.name).toMatch(/\S/);
    const granularity = fields.find((f) => f.name === 'accessGranularity');
    expect(granularity?.type.ofType).toMatchObject({
      kind: 'ENUM',
      enumValues: [{ name: 'schema' }, { name: 'table' }],
    });
  });

  it('has an input field for every form element', async () => {
    for (const name of [
      'SnowflakeDataOutput',
      'DatabricksDataOutput',
      'GlueDataOutput',
      'RedshiftDataOutput',
    ]) {
      const form = await graphql<{
        pluginForm: { inputTypeName: string; elements: Array<{ name: string }> };
      }>(
        service,
        `query($name: String!) { pluginForm(name: $name) { inputTypeName elements { name } } }`,
        { name },
      );
      const { inputTypeName, elements } = form.data!.pluginForm;
      const type = await graphql<{ __type: { inputFields: InputValue[] } }>(service, INPUT_TYPE, {
        name: inputTypeName,
      });
      const inputFields = type.data!.__type.inputFields.map((f) => f.name);
      expect(inputFields, name).toEqual(expect.arrayContaining(elements.map((e) => e.name)));
    }
  });

  it('shows the configuration input as @oneOf by platform key and the stored types behind one interface', async () => {
    const { data } = await graphql<{
      input: { isOneOf: boolean; inputFields: InputValue[] };
      stored: { kind: string; possibleTypes: Array<{ name: string }> };
    }>(
      service,
      `{ input: __type(name: "DataOutputConfigurationInput") { isOneOf inputFields { name type { kind name } } }
         stored: __type(name: "DataOutputConfiguration") { kind possibleTypes { name } } }`,
    );
    expect(data?.input.isOneOf).toBe(true);
    expect(data?.input.inputFields.map((f) => [f.name, typeName(f.type)])).toEqual([
      ['databricks', 'DatabricksDataOutputInput'],
      ['glue', 'GlueDataOutputInput'],
      ['redshift', 'RedshiftDataOutputInput'],
      ['snowflake', 'SnowflakeDataOutputInput'],
    ]);
    expect(data?.stored.kind).toBe('INTERFACE');
    // IncompleteDataOutputConfiguration: what a delete returns of a base row without its plugin row.
    expect(data?.stored.possibleTypes.map((t) => t.name).sort()).toEqual([
      'DatabricksDataOutput',
      'GlueDataOutput',
      'IncompleteDataOutputConfiguration',
      'RedshiftDataOutput',
      'SnowflakeDataOutput',
    ]);
  });
});

describe('ENABLED_PLUGINS', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startTestService({ ENABLED_PLUGINS: 'SnowflakeDataOutput' });
  });
  afterAll(() => service?.close());

  it('limits the API to the listed plugins', async () => {
    const { data } = await graphql<{ plugins: Array<{ name: string }>; glue: unknown }>(
      service,
      '{ plugins { name } glue: __type(name: "GlueDataOutputInput") { name } }',
    );
    expect(data).toEqual({ plugins: [{ name: 'SnowflakeDataOutput' }], glue: null });
    const oneOf = await graphql<{ __type: { inputFields: Array<{ name: string }> } }>(
      service,
      '{ __type(name: "DataOutputConfigurationInput") { inputFields { name } } }',
    );
    expect(oneOf.data?.__type.inputFields).toEqual([{ name: 'snowflake' }]);
  });
});
