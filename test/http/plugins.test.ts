import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PluginView } from '../../src/catalog/plugin-view.js';
import type { Service } from '../../src/service.js';
import { graphql, startTestService } from '../support/service.js';

type PluginRow = Omit<PluginView, 'description' | 'fields' | 'elements' | 'jsonSchema'>;

const PLUGIN_FIELDS = `name version platform displayName iconName parentPlatform detailedName resultLabel resultTooltip
  hasEnvironments showInForm notConfigured inputTypeName`;

describe('plugins and pluginForm over HTTP (PGlite)', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service?.close());

  it('lists the four internal plugins with their metadata', async () => {
    const { data, errors } = await graphql<{ plugins: PluginRow[] }>(
      service,
      `{ plugins { ${PLUGIN_FIELDS} source } }`,
    );
    expect(errors).toBeUndefined();
    // The portal's wording: warehouses give access to a table.
    const tooltip = 'The table you can access through this technical asset';
    const row = (
      name: string,
      platform: string,
      displayName: string,
      iconName: string,
      parentPlatform: string | null,
      detailedName: string,
    ) => ({
      name,
      version: '1.0.0',
      platform,
      displayName,
      iconName,
      parentPlatform,
      detailedName,
      resultLabel: 'Resulting table',
      resultTooltip: tooltip,
      hasEnvironments: true,
      showInForm: true,
      notConfigured: true,
      inputTypeName: `${name}Input`,
      source: `internal (plugins/${platform})`,
    });
    expect(data?.plugins).toEqual([
      row(
        'DatabricksDataOutput',
        'databricks',
        'Databricks',
        'databricks-logo.svg',
        null,
        'Schema',
      ),
      row('GlueDataOutput', 'glue', 'Glue', 'glue-logo.svg', 'aws', 'Database'),
      row('RedshiftDataOutput', 'redshift', 'Redshift', 'aws-redshift-logo.svg', 'aws', 'Schema'),
      row('SnowflakeDataOutput', 'snowflake', 'Snowflake', 'snowflake-logo.svg', null, 'Schema'),
    ]);
  });

  it('returns the Glue form: database, databaseSuffix, accessGranularity, table', async () => {
    const { data, errors } = await graphql<{ pluginForm: Record<string, unknown> }>(
      service,
      `{ pluginForm(name: "GlueDataOutput") { name platform inputTypeName elements {
          name label type required tooltip hidden disabled initialValue options { label value } optionsFrom maxCount
          dependsOn { field value } useNamespaceWhenNotSourceAligned } } }`,
    );
    expect(errors).toBeUndefined();
    const base = {
      hidden: false,
      disabled: false,
      options: [],
      optionsFrom: null,
      maxCount: null,
      dependsOn: [],
      useNamespaceWhenNotSourceAligned: false,
    };
    expect(data?.pluginForm).toEqual({
      name: 'GlueDataOutput',
      platform: 'glue',
      inputTypeName: 'GlueDataOutputInput',
      elements: [
        {
          ...base,
          name: 'database',
          label: 'Database',
          type: 'select',
          required: true,
          tooltip: null,
          initialValue: null,
          optionsFrom: 'databases',
          useNamespaceWhenNotSourceAligned: true,
        },
        {
          ...base,
          name: 'databaseSuffix',
          label: 'Database suffix',
          type: 'string',
          // The portal accepts an empty suffix: the resulting path then leaves it out.
          required: false,
          initialValue: null,
          tooltip:
            'The name of the database to give write access to. Defaults to data product namespace',
        },
        {
          ...base,
          name: 'accessGranularity',
          label: 'Access granularity',
          type: 'radio',
          required: true,
          initialValue: 'schema',
          tooltip: 'Give write access to the entire schema or a single table',
          options: [
            { label: 'Schema level', value: 'schema' },
            { label: 'Table level', value: 'table' },
          ],
        },
        {
          ...base,
          name: 'table',
          label: 'Table',
          type: 'string',
          required: true,
          initialValue: '*',
          tooltip: 'The name of the table to give write access to',
          dependsOn: [{ field: 'accessGranularity', value: 'table' }],
        },
      ],
    });
  });

  it.each([
    ['SnowflakeDataOutput', ['database', 'schema', 'accessGranularity', 'table']],
    ['DatabricksDataOutput', ['catalog', 'schema', 'accessGranularity', 'table']],
    ['RedshiftDataOutput', ['database', 'schema', 'accessGranularity', 'table']],
  ])('returns the %s form elements in order', async (name, elements) => {
    const { data } = await graphql<{
      pluginForm: { elements: Array<{ name: string; type: string }> };
    }>(service, `query($name: String!) { pluginForm(name: $name) { elements { name type } } }`, {
      name,
    });
    expect(data?.pluginForm.elements.map((e) => e.name)).toEqual(elements);
    expect(data?.pluginForm.elements.map((e) => e.type)).toEqual([
      'select',
      'string',
      'radio',
      'string',
    ]);
  });

  it('gives the JSON Schema of the form fields, from the same Zod schema', async () => {
    const { data } = await graphql<{
      pluginForm: {
        jsonSchema: {
          $schema: string;
          required: string[];
          properties: Record<string, Record<string, unknown>>;
          allOf: Array<{ then: { properties: Record<string, unknown> } }>;
        };
      };
    }>(service, '{ pluginForm(name: "GlueDataOutput") { jsonSchema } }');
    const schema = data?.pluginForm.jsonSchema;
    expect(schema?.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema?.required).toEqual(['database']);
    // Stored fields (bucketIdentifier, databasePath, tablePath) are no form fields.
    expect(Object.keys(schema?.properties ?? {})).toEqual([
      'database',
      'databaseSuffix',
      'accessGranularity',
    ]);
    expect(schema?.allOf[0]?.then.properties.table).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 255,
      default: '*',
      title: 'Table',
      description: 'The name of the table to give write access to. At most 255 characters.',
    });
  });

  it('fails an unknown plugin with PLUGIN_NOT_FOUND, listing the known names', async () => {
    const { data, errors } = await graphql(
      service,
      '{ pluginForm(name: "NopeDataOutput") { name } }',
    );
    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        message:
          'Unknown plugin "NopeDataOutput". Known plugins: DatabricksDataOutput, GlueDataOutput, RedshiftDataOutput, SnowflakeDataOutput.',
        extensions: expect.objectContaining({ code: 'PLUGIN_NOT_FOUND' }),
      }),
    ]);
  });

  it('serves GraphiQL to a browser outside production', async () => {
    const response = await fetch(`${service.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('GraphiQL');
  });
});
