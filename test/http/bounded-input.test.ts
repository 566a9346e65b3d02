import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { BACKENDS } from '../support/backends.js';
import {
  configureAllPlatforms,
  create,
  type Form,
  fill,
  formOf,
  rowCounts,
  type Stored,
} from '../support/portal-client.js';
import { graphql } from '../support/service.js';

const CREATE =
  'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }';
const UPDATE =
  'mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { id } }';
const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { platform } }';
const STORED_GLUE =
  'query($id: ID!) { dataOutputConfiguration(id: $id) { updatedAt ... on GlueDataOutput { database databaseSuffix table bucketIdentifier databasePath tablePath } } }';

// Decimal megabyte: the request stays under a request body limit of 1 MiB.
const MEGABYTE = 'x'.repeat(1_000_000);
const NUL_MESSAGE = 'Must not contain the NUL character (U+0000), found at character 2';

// A free-text field of the plugin (databaseSuffix), a select (database), a field with a default
// (table) and stored fields (bucketIdentifier, databasePath): all strings a client sends.
const CASES: Array<[string, Record<string, unknown>, string, string]> = [
  ['NUL in free text', { databaseSuffix: 'a\u0000b' }, 'databaseSuffix', NUL_MESSAGE],
  ['NUL in a select', { database: 'a\u0000' }, 'database', NUL_MESSAGE],
  [
    'a lone high surrogate',
    { databaseSuffix: 'orders\ud83d' },
    'databaseSuffix',
    'Must be valid Unicode: an unpaired surrogate (U+D83D) is at character 7',
  ],
  [
    'a lone low surrogate in a stored field',
    { bucketIdentifier: '\ude00' },
    'bucketIdentifier',
    'Must be valid Unicode: an unpaired surrogate (U+DE00) is at character 1',
  ],
  [
    'whitespace only',
    { databaseSuffix: ' ' },
    'databaseSuffix',
    'Must not be blank (only whitespace)',
  ],
  [
    'whitespace only where empty is allowed',
    { databasePath: '\t \n' },
    'databasePath',
    'Must not be blank (only whitespace)',
  ],
  [
    'a megabyte in an identifier',
    { databaseSuffix: MEGABYTE },
    'databaseSuffix',
    'Must be at most 255 characters (this one has 1000000)',
  ],
  [
    'a megabyte in a path',
    { databasePath: MEGABYTE },
    'databasePath',
    'Must be at most 1024 characters (this one has 1000000)',
  ],
  [
    'one character too many',
    { accessGranularity: 'table', table: 't'.repeat(256) },
    'table',
    'Must be at most 255 characters (this one has 256)',
  ],
];

describe.each(BACKENDS)('bounded input on $name: refused with nothing written', (backend) => {
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

  /** Everything a refused mutation could have touched. */
  async function state() {
    const stored = await graphql(service, STORED_GLUE, { id: existing.id });
    const settings = await graphql(
      service,
      '{ platformConfigurations { platform settings { name options } updatedAt } }',
    );
    return { counts: await rowCounts(service), stored: stored.data, settings: settings.data };
  }

  async function refused(query: string, variables: Record<string, unknown>) {
    const before = await state();
    const response = await graphql(service, query, variables);
    expect(response.data ?? null).toBeNull();
    expect(await state()).toEqual(before);
    expect(response.errors).toHaveLength(1);
    return response.errors?.[0];
  }

  it.each(CASES)('create: %s', async (_case, change, field, message) => {
    const error = await refused(CREATE, { input: { glue: { ...valid, ...change } } });
    expect(error?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [{ path: ['input', 'glue', field], field: [field], message }],
    });
    // The message names the field and never repeats the value.
    expect(error?.message.length).toBeLessThan(300);
  });

  it.each(CASES)('update: %s', async (_case, change, field, message) => {
    const error = await refused(UPDATE, {
      id: existing.id,
      input: { glue: { ...valid, ...change } },
    });
    expect(error?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [{ path: ['input', 'glue', field], field: [field], message }],
    });
  });

  it('names every refused field of one input at once', async () => {
    const error = await refused(CREATE, {
      input: {
        glue: { ...valid, databaseSuffix: ' ', bucketIdentifier: 'a\u0000', database: 'nope' },
      },
    });
    expect(error?.extensions?.issues).toEqual([
      {
        path: ['input', 'glue', 'databaseSuffix'],
        field: ['databaseSuffix'],
        message: 'Must not be blank (only whitespace)',
      },
      {
        path: ['input', 'glue', 'bucketIdentifier'],
        field: ['bucketIdentifier'],
        message: NUL_MESSAGE,
      },
      {
        path: ['input', 'glue', 'database'],
        field: ['database'],
        message: '"nope" is not one of the configured databases: alpha, beta, gamma',
      },
    ]);
  });

  it.each([
    ['NUL', 'a\u0000', 'Must not contain the NUL character (U+0000), found at character 2'],
    [
      'a lone surrogate',
      '\ud800',
      'Must be valid Unicode: an unpaired surrogate (U+D800) is at character 1',
    ],
    ['a megabyte', MEGABYTE, 'Must be at most 255 characters (this one has 1000000)'],
  ])('configurePlatform: an option with %s', async (_case, option, message) => {
    const error = await refused(CONFIGURE, { input: { glue: { databases: ['sales', option] } } });
    expect(error?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [{ path: ['input', 'glue', 'databases', 1], field: ['databases', 1], message }],
    });
  });

  it('a valid value at the limits is stored as sent', async () => {
    const atLimits = {
      ...valid,
      databaseSuffix: 's'.repeat(255),
      databasePath: 'p'.repeat(1024),
      bucketIdentifier: 'bucket-😀',
    };
    const created = await graphql<{ createDataOutputConfiguration: { id: string } }>(
      service,
      CREATE,
      {
        input: { glue: atLimits },
      },
    );
    expect(created.errors).toBeUndefined();
    const stored = await graphql<{ dataOutputConfiguration: Record<string, unknown> }>(
      service,
      STORED_GLUE,
      { id: created.data?.createDataOutputConfiguration.id },
    );
    expect(stored.data?.dataOutputConfiguration).toMatchObject({
      databaseSuffix: atLimits.databaseSuffix,
      databasePath: atLimits.databasePath,
      bucketIdentifier: 'bucket-😀',
    });
  });
});
