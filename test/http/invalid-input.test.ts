import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { BACKENDS } from '../support/backends.js';
import {
  CONFIG_FIELDS,
  configureAllPlatforms,
  create,
  type Form,
  fill,
  formOf,
  rowCounts,
  type Stored,
} from '../support/portal-client.js';
import { graphql } from '../support/service.js';

const CREATE = `mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { ${CONFIG_FIELDS} } }`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.each(BACKENDS)('invalid input on $name: a precise error, nothing written', (backend) => {
  let service: Service;
  let stop: () => Promise<void>;
  let glue: Form;
  let valid: Record<string, unknown>;
  let existing: Stored;
  beforeAll(async () => {
    ({ service, stop } = await backend.start());
    await configureAllPlatforms(service);
    glue = await formOf(service, 'GlueDataOutput');
    valid = fill(glue, 0);
    existing = (await create(service, glue, valid)).data!.createDataOutputConfiguration;
  });
  afterAll(() => stop?.());

  /** Runs an operation that must fail and leave every table as it was; returns its errors. */
  async function rejected(query: string, variables: Record<string, unknown>) {
    const before = await rowCounts(service);
    const response = await graphql(service, query, variables);
    expect(response.data ?? null).toBeNull();
    expect(await rowCounts(service)).toEqual(before);
    return response.errors ?? [];
  }

  it.each([
    [
      'a missing required field',
      { database: undefined },
      ['input', 'glue', 'database'],
      'Field "database" of required type "String!" was not provided.',
    ],
    [
      'a wrong type',
      { databaseSuffix: 5 },
      ['input', 'glue', 'databaseSuffix'],
      'String cannot represent a non string value: 5',
    ],
    [
      'an unknown field',
      { colour: 'red' },
      ['input', 'glue', 'colour'],
      'Field "colour" is not defined by type "GlueDataOutputInput".',
    ],
    [
      'a bad enum value',
      { accessGranularity: 'column' },
      ['input', 'glue', 'accessGranularity'],
      'Value "column" does not exist in "AccessGranularity" enum.',
    ],
  ])('%s', async (_case, change, path, message) => {
    const errors = await rejected(CREATE, { input: { glue: { ...valid, ...change } } });
    expect(errors.map((e) => e.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', issues: [{ path, field: path.slice(2), message }] },
    ]);
  });

  it('two plugins in one @oneOf input', async () => {
    const snowflake = await formOf(service, 'SnowflakeDataOutput');
    const errors = await rejected(CREATE, {
      input: { glue: valid, snowflake: fill(snowflake, 0) },
    });
    expect(errors.map((e) => e.extensions)).toEqual([
      {
        code: 'BAD_USER_INPUT',
        issues: [
          {
            path: ['input'],
            field: [],
            message:
              'Exactly one key must be specified for OneOf type "DataOutputConfigurationInput".',
          },
        ],
      },
    ]);
  });

  it('several type errors at once: one error naming each', async () => {
    const errors = await rejected(CREATE, {
      input: { glue: { ...valid, database: 7, accessGranularity: 'column' } },
    });
    expect(errors[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'glue', 'database'],
        field: ['database'],
        message: 'String cannot represent a non string value: 7',
      },
      {
        path: ['input', 'glue', 'accessGranularity'],
        field: ['accessGranularity'],
        message: 'Value "column" does not exist in "AccessGranularity" enum.',
      },
    ]);
    expect(errors[0]?.message).toBe(
      'Invalid input: input.glue.database: String cannot represent a non string value: 7; ' +
        'input.glue.accessGranularity: Value "column" does not exist in "AccessGranularity" enum',
    );
  });

  it('a literal in the query is refused by GraphQL validation before anything runs', async () => {
    const errors = await rejected(
      'mutation { createDataOutputConfiguration(input: { glue: { database: "alpha" } }) { id } }',
      {},
    );
    expect(errors.map((e) => e.message)).toEqual([
      'Field "GlueDataOutputInput.databaseSuffix" of required type "String!" was not provided.',
    ]);
  });

  it('values the schema refuses: every offending field is named under BAD_USER_INPUT', async () => {
    const errors = await rejected(CREATE, {
      input: {
        glue: {
          ...valid,
          database: 'unlisted',
          databaseSuffix: 'x\u0000y',
          accessGranularity: 'table',
          table: '',
        },
      },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [
        {
          path: ['input', 'glue', 'databaseSuffix'],
          field: ['databaseSuffix'],
          message: 'Must not contain the NUL character (U+0000), found at character 2',
        },
        { path: ['input', 'glue', 'table'], field: ['table'], message: 'Must not be empty' },
        {
          path: ['input', 'glue', 'database'],
          field: ['database'],
          message: '"unlisted" is not one of the configured databases: alpha, beta, gamma',
        },
      ],
    });
    expect(errors[0]?.message).toBe(
      'Invalid GlueDataOutput configuration: input.glue.databaseSuffix: Must not contain the NUL character (U+0000), found at character 2; input.glue.table: Must not be empty; ' +
        'input.glue.database: "unlisted" is not one of the configured databases: alpha, beta, gamma',
    );
  });

  it.each(['GlueDataOutput', 'SnowflakeDataOutput', 'DatabricksDataOutput', 'RedshiftDataOutput'])(
    '%s: a table other than * at schema granularity is refused, not widened to the schema',
    async (plugin) => {
      const form = await formOf(service, plugin);
      const input = { ...fill(form, 0), accessGranularity: 'schema', table: 'orders_only' };
      const errors = await rejected(CREATE, { input: { [form.platform]: input } });
      expect(errors[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        issues: [
          {
            path: ['input', form.platform, 'table'],
            field: ['table'],
            message: 'Only used when accessGranularity is "table"; leave table out or send "*"',
          },
          {
            path: ['input', form.platform, 'accessGranularity'],
            field: ['accessGranularity'],
            message:
              'table "orders_only" is only used when accessGranularity is "table", not "schema": choose "table", or leave table out',
          },
        ],
      });
      // The granularity left at its default refuses it the same way.
      const { accessGranularity: _, ...leftOut } = input;
      const again = await rejected(CREATE, { input: { [form.platform]: leftOut } });
      expect(again[0]?.extensions?.issues).toHaveLength(2);
    },
  );

  it('an update with another plugin’s input', async () => {
    const snowflake = await formOf(service, 'SnowflakeDataOutput');
    const errors = await rejected(UPDATE, {
      id: existing.id,
      input: { snowflake: fill(snowflake, 1) },
    });
    expect(errors[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [
        {
          path: ['input', 'snowflake'],
          field: [],
          message: `Configuration ${existing.id} belongs to GlueDataOutput: send its values as input.glue`,
        },
      ],
    });
    const { data } = await graphql<{ dataOutputConfiguration: Stored }>(
      service,
      `{ dataOutputConfiguration(id: "${existing.id}") { updatedAt ... on GlueDataOutput { database } } }`,
    );
    expect(data?.dataOutputConfiguration).toEqual({
      updatedAt: existing.updatedAt,
      database: valid.database,
    });
  });

  it('an invalid update leaves the stored values as they were', async () => {
    const errors = await rejected(UPDATE, {
      id: existing.id,
      input: { glue: { ...valid, database: 'unlisted' } },
    });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { data } = await graphql<{ dataOutputConfiguration: Stored }>(
      service,
      `{ dataOutputConfiguration(id: "${existing.id}") { updatedAt ... on GlueDataOutput { database } } }`,
    );
    expect(data?.dataOutputConfiguration).toEqual({
      updatedAt: existing.updatedAt,
      database: valid.database,
    });
  });

  it('an unknown id, to update or delete', async () => {
    const update = await rejected(UPDATE, { id: UNKNOWN_ID, input: { glue: valid } });
    const remove = await rejected(
      'mutation($id: ID!) { deleteDataOutputConfiguration(id: $id) { id } }',
      { id: UNKNOWN_ID },
    );
    for (const errors of [update, remove]) {
      expect(errors.map((e) => [e.message, e.extensions?.code])).toEqual([
        [`No data output configuration has id ${UNKNOWN_ID}.`, 'NOT_FOUND'],
      ]);
    }
  });

  it('a platform that is not configured yet', async () => {
    const databricks = await formOf(service, 'DatabricksDataOutput');
    await graphql(
      service,
      'mutation { configurePlatform(input: { databricks: { catalogs: [] } }) { platform } }',
    );
    const errors = await rejected(CREATE, {
      input: { databricks: { ...fill(databricks, 0), catalog: 'main' } },
    });
    expect(errors[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'databricks', 'catalog'],
        field: ['catalog'],
        message:
          'Platform databricks has no catalogs configured; an operator sets them with configurePlatform',
      },
    ]);
  });
});
