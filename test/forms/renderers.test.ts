import { createAjv } from '@jsonforms/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import s3 from '../../plugins/s3/src/index.js';
import { configuredView } from '../../src/catalog/configured-view.js';
import { pluginView } from '../../src/catalog/plugin-view.js';
import type { Service } from '../../src/service.js';
import { configureAllPlatforms, ok, rowCounts } from '../support/portal-client.js';
import { rjsfSubmission, shownFields } from '../support/rjsf-user.js';
import { graphql, startTestService } from '../support/service.js';

// The served form schemas, taken as they are by the three validators form libraries use: RJSF's
// default (`@rjsf/validator-ajv8`, Ajv draft-07), JSON Forms' `createAjv()` and a strict Ajv 2020.

type Schema = RJSFSchema & {
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  allOf?: Array<{ if: Record<string, unknown>; then: { properties: Record<string, unknown> } }>;
};
type Values = Record<string, unknown>;

interface Forms {
  platform: string;
  draft07: Schema;
  draft2020: Schema;
  rjsf: UiSchema;
}

const FORM = `query($name: String!) { pluginForm(name: $name) {
  platform
  draft07: jsonSchema
  draft2020: jsonSchema(dialect: DRAFT_2020_12)
  rjsf: uiSchema(renderer: RJSF)
} }`;

/** The three validators, each with its verdict on some data, or the reason it cannot compile. */
function validators(forms: Pick<Forms, 'draft07' | 'draft2020'>) {
  const jsonForms = createAjv().compile(forms.draft07);
  const strict = new Ajv2020({ strict: true, allErrors: true }).compile(forms.draft2020);
  return {
    rjsf: (data: Values) => {
      const { errors, validationError } = validator.rawValidation(forms.draft07, data);
      if (validationError) throw validationError;
      return (errors ?? []).length === 0;
    },
    jsonForms: (data: Values) => jsonForms(data),
    strictAjv2020: (data: Values) => strict(data),
  };
}

function verdicts(forms: Pick<Forms, 'draft07' | 'draft2020'>, data: Values) {
  return Object.fromEntries(
    Object.entries(validators(forms)).map(([name, valid]) => [name, valid(data)]),
  );
}

const ALL_VALID = { rjsf: true, jsonForms: true, strictAjv2020: true };
const ALL_INVALID = { rjsf: false, jsonForms: false, strictAjv2020: false };

/** Each kind of invalid data this form can be given, from its schema alone. */
function invalidVariants(schema: Schema, valid: Values): Array<[string, Values]> {
  const variants: Array<[string, Values]> = [['an unknown field', { ...valid, notAField: 'x' }]];
  const [required] = schema.required ?? [];
  if (required) {
    const { [required]: _, ...rest } = valid;
    variants.push([`the required ${required} left out`, rest]);
  }
  for (const [name, property] of Object.entries(schema.properties)) {
    if (property.minLength === 1 && name in valid)
      variants.push([`an empty ${name}`, { ...valid, [name]: '' }]);
    if (Array.isArray(property.oneOf) && name in valid)
      variants.push([`${name} not among its choices`, { ...valid, [name]: 'not-a-choice' }]);
  }
  for (const rule of schema.allOf ?? []) {
    for (const name of Object.keys(rule.then.properties))
      if (!(name in valid))
        variants.push([`${name} while its condition does not hold`, { ...valid, [name]: 'x_y' }]);
  }
  return variants;
}

describe('form schemas in the default setups of RJSF and JSON Forms, and strict Ajv 2020', () => {
  let service: Service;
  let forms: Map<string, Forms>;
  beforeAll(async () => {
    service = await startTestService();
    await configureAllPlatforms(service);
    const { plugins } = await ok<{ plugins: Array<{ name: string }> }>(
      service,
      '{ plugins { name } }',
    );
    forms = new Map();
    for (const { name } of plugins) {
      const { pluginForm } = await ok<{ pluginForm: Forms }>(service, FORM, { name });
      forms.set(name, pluginForm);
    }
  });
  afterAll(() => service?.close());

  const PLUGINS = [
    'DatabricksDataOutput',
    'GlueDataOutput',
    'RedshiftDataOutput',
    'SnowflakeDataOutput',
  ];

  it('covers every enabled plugin', () => {
    expect([...forms.keys()].sort()).toEqual(PLUGINS);
  });

  it.each(PLUGINS)('%s: what RJSF submits passes all three and is stored as sent', async (name) => {
    const form = forms.get(name)!;
    for (const variant of [0, 1]) {
      const data = rjsfSubmission(form.draft07, form.rjsf, variant);
      expect(verdicts(form, data), JSON.stringify(data)).toEqual(ALL_VALID);
      const fields = Object.keys(data).join(' ');
      const { createDataOutputConfiguration: stored } = await ok<{
        createDataOutputConfiguration: Values;
      }>(
        service,
        `mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { ... on ${name} { ${fields} } } }`,
        { input: { [form.platform]: data } },
      );
      expect(stored).toEqual(data);
    }
  });

  it.each(PLUGINS)('%s: each kind of invalid data fails all three, and the API', async (name) => {
    const form = forms.get(name)!;
    const valid = rjsfSubmission(form.draft07, form.rjsf, 0);
    const variants = invalidVariants(form.draft07, valid);
    expect(variants.length).toBeGreaterThanOrEqual(4);
    for (const [kind, data] of variants) {
      expect(verdicts(form, data), kind).toEqual(ALL_INVALID);
      const before = await rowCounts(service);
      const answer = await graphql(
        service,
        'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }',
        { input: { [form.platform]: data } },
      );
      expect(answer.errors?.[0]?.extensions?.code, kind).toBe('BAD_USER_INPUT');
      expect(await rowCounts(service)).toEqual(before);
    }
  });

  it.each(PLUGINS)('%s: RJSF shows Table only at "Table level"', (name) => {
    const { draft07, rjsf } = forms.get(name)!;
    expect(rjsfSubmission(draft07, rjsf, 0)).not.toHaveProperty('table');
    expect(rjsfSubmission(draft07, rjsf, 1)).toMatchObject({
      accessGranularity: 'table',
      table: 'table_1',
    });
    const granularity = draft07.properties.accessGranularity;
    expect(granularity?.oneOf).toEqual([
      { const: 'schema', title: 'Schema level' },
      { const: 'table', title: 'Table level' },
    ]);
    expect(shownFields(draft07, { accessGranularity: 'schema' })).not.toContain('table');
    expect(shownFields(draft07, { accessGranularity: 'table' })).toContain('table');
    // Stored fields are no form fields.
    for (const stored of ['bucketIdentifier', 'databasePath', 'catalogPath', 'tablePath'])
      expect(shownFields(draft07, { accessGranularity: 'table' })).not.toContain(stored);
  });

  it('the S3 package: its hidden suffix, with and without configured buckets', () => {
    const view = pluginView({ plugin: s3, source: 'test' });
    for (const settings of [null, { buckets: ['raw', 'curated'] }]) {
      const configured = configuredView(view, settings);
      const schemas = {
        draft07: configured.jsonSchemas['draft-07'] as Schema,
        draft2020: configured.jsonSchemas['draft-2020-12'] as Schema,
      };
      const ui = configured.uiSchemas.rjsf as UiSchema;
      expect(ui.suffix).toEqual({ 'ui:widget': 'hidden' });
      const data = rjsfSubmission(schemas.draft07, ui, 1);
      expect(data).toEqual({
        bucket: settings ? 'curated' : 'bucket_1',
        suffix: '',
        path: 'path_1',
        // The second of its storage classes, as RJSF's variant 1 picks.
        storageClass: s3.config.shape.storageClass.unwrap().options[1],
      });
      expect(verdicts(schemas, data)).toEqual(ALL_VALID);
      for (const [kind, bad] of invalidVariants(schemas.draft07, data))
        expect(verdicts(schemas, bad), kind).toEqual(ALL_INVALID);
    }
  });
});
