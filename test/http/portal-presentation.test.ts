import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { BACKENDS } from '../support/backends.js';
import { configureAllPlatforms, ok } from '../support/portal-client.js';
import { graphql } from '../support/service.js';

// What the portal draws from this API alone: the tile picker, the form with its live "Resulting
// table", and an asset card with its path, console link and per-environment details; the owning
// data product's namespace flow; its configurations a page at a time.

const TILES = `{ platformTiles { key label iconName plugin configured hasEnvironments showInForm
  children { key label iconName plugin configured } } }`;
const CREATE = `mutation($input: DataOutputConfigurationInput!, $owner: OwnerInput) {
  createDataOutputConfiguration(input: $input, owner: $owner) {
    id owner { dataProductId namespace sourceAligned } resultString } }`;
const CARD = `query($id: ID!, $env: String) { dataOutputConfiguration(id: $id) {
  resultString consoleUrl(environment: $env) { url reason }
  technicalInformation { environment info reason } } }`;
const SETTINGS = `mutation($platform: String!, $environment: String, $values: JSONObject!) {
  configurePlatformSettings(platform: $platform, environment: $environment, values: $values) {
    platform environment values } }`;
const PAGE = `query($owner: String, $after: String) {
  dataOutputConfigurations(owner: $owner, first: 2, after: $after) {
    nodes { id owner { dataProductId } } pageInfo { hasNextPage endCursor } totalCount } }`;

const owner = (id: string, namespace: string, sourceAligned = false) => ({
  dataProductId: id,
  namespace,
  sourceAligned,
});

describe.each(BACKENDS)('what the portal shows around a configuration, on $name', (backend) => {
  let service: Service;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ service, stop } = await backend.start());
  });
  afterAll(() => stop?.());

  it('tiles: AWS holds Glue and Redshift; configured once their settings are stored', async () => {
    type Tiles = { platformTiles: Array<Record<string, unknown> & { children: unknown[] }> };
    const before = await ok<Tiles>(service, TILES);
    expect(before.platformTiles.map((t) => [t.key, t.configured])).toEqual([
      ['databricks', false],
      ['aws', false],
      ['snowflake', false],
    ]);
    expect(before.platformTiles[1]).toMatchObject({
      label: 'AWS',
      iconName: 'aws-logo.svg',
      plugin: null,
      hasEnvironments: true,
      showInForm: true,
      children: [
        {
          key: 'glue',
          label: 'Glue',
          iconName: 'glue-logo.svg',
          plugin: 'GlueDataOutput',
          configured: false,
        },
        {
          key: 'redshift',
          label: 'Redshift',
          iconName: 'aws-redshift-logo.svg',
          plugin: 'RedshiftDataOutput',
          configured: false,
        },
      ],
    });
    await configureAllPlatforms(service);
    const after = await ok<Tiles>(service, TILES);
    expect(after.platformTiles.map((t) => [t.key, t.configured])).toEqual([
      ['databricks', true],
      ['aws', true],
      ['snowflake', true],
    ]);
  });

  it('the live result string of an unsaved input, fields not filled yet rendering as the portal does', async () => {
    const render = (plugin: string, values: Record<string, unknown>) =>
      ok<{ renderResultString: string | null }>(
        service,
        'query($plugin: String!, $values: JSONObject!) { renderResultString(plugin: $plugin, values: $values) }',
        { plugin, values },
      ).then((data) => data.renderResultString);
    expect(await render('GlueDataOutput', { database: 'sales' })).toBe('sales.*');
    expect(await render('GlueDataOutput', { database: 'sales', databaseSuffix: 'orders' })).toBe(
      'sales__orders.*',
    );
    // Table granularity not chosen yet: the save rules still say `*`.
    expect(await render('SnowflakeDataOutput', { database: 'a-b', schema: 's', table: 't' })).toBe(
      'a_b.s.*',
    );
    expect(await render('DatabricksDataOutput', {})).toBe('..*');
    const unknown = await graphql(service, '{ renderResultString(plugin: "Nope", values: {}) }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PLUGIN_NOT_FOUND');
  });

  it('every form in the one plugin list request, pre-filled for a product', async () => {
    const { plugins } = await ok<{
      plugins: Array<{ name: string; form: { elements: Array<Record<string, unknown>> } }>;
    }>(
      service,
      'query($owner: OwnerInput) { plugins { name form(owner: $owner) { elements { name initialValue disabled options { value } } } } }',
      { owner: owner('p1', 'marketing') },
    );
    expect(plugins.map((p) => p.name)).toEqual([
      'DatabricksDataOutput',
      'GlueDataOutput',
      'RedshiftDataOutput',
      'SnowflakeDataOutput',
    ]);
    const glue = plugins.find((p) => p.name === 'GlueDataOutput')?.form.elements;
    expect(glue?.[0]).toEqual({
      name: 'database',
      initialValue: 'marketing',
      disabled: true,
      options: [{ value: 'marketing' }],
    });
    expect(glue?.[1]).toMatchObject({
      name: 'databaseSuffix',
      initialValue: null,
      disabled: false,
    });
  });

  it('pluginForm(owner:): the namespace pre-fills unless the product is source aligned', async () => {
    const form = (o: ReturnType<typeof owner>) =>
      ok<{ pluginForm: { elements: Array<{ name: string; initialValue: unknown }> } }>(
        service,
        'query($owner: OwnerInput) { pluginForm(name: "RedshiftDataOutput", owner: $owner) { elements { name initialValue } } }',
        { owner: o },
      ).then((data) => data.pluginForm.elements[0]);
    expect(await form(owner('p1', 'marketing'))).toEqual({
      name: 'database',
      initialValue: 'marketing',
    });
    expect(await form(owner('p1', 'marketing', true))).toEqual({
      name: 'database',
      initialValue: null,
    });
  });

  it('a value starting with the namespace is accepted and the owner stored; another is refused', async () => {
    const accepted = await graphql<{ createDataOutputConfiguration: Record<string, unknown> }>(
      service,
      CREATE,
      {
        input: { glue: { database: 'marketing', databaseSuffix: 'leads' } },
        owner: owner('p1', 'marketing'),
      },
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.createDataOutputConfiguration).toMatchObject({
      owner: owner('p1', 'marketing'),
      resultString: 'marketing__leads.*',
    });
    const prefixed = await graphql(service, CREATE, {
      input: { glue: { database: 'marketing_eu', databaseSuffix: '' } },
      owner: owner('p1', 'marketing'),
    });
    expect(prefixed.errors).toBeUndefined();
    const refused = await graphql(service, CREATE, {
      input: { glue: { database: 'finance', databaseSuffix: 'x' } },
      owner: owner('p1', 'marketing'),
    });
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [
        {
          path: ['input', 'glue', 'database'],
          field: ['database'],
          message: '"finance" is not one of the configured databases: alpha, beta, gamma',
        },
      ],
    });
    // Without an owner, today's clients: only the configured options.
    const noOwner = await graphql(service, CREATE, {
      input: { glue: { database: 'marketing', databaseSuffix: 'x' } },
    });
    expect(noOwner.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const blank = await graphql(service, CREATE, {
      input: { glue: { database: 'alpha', databaseSuffix: 'x' } },
      owner: owner(' ', 'marketing'),
    });
    expect(blank.errors?.[0]?.extensions?.issues).toEqual([
      { path: ['owner', 'dataProductId'], field: [], message: 'Must not be empty' },
    ]);
  });

  it('owner filter with cursor paging', async () => {
    for (const suffix of ['a', 'b', 'c'])
      await ok(service, CREATE, {
        input: { redshift: { database: 'alpha', schema: suffix } },
        owner: owner('p2', 'sales'),
      });
    type Page = {
      dataOutputConfigurations: {
        nodes: Array<{ id: string; owner: { dataProductId: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        totalCount: number;
      };
    };
    const first = await ok<Page>(service, PAGE, { owner: 'p2' });
    expect(first.dataOutputConfigurations.totalCount).toBe(3);
    expect(first.dataOutputConfigurations.pageInfo.hasNextPage).toBe(true);
    const second = await ok<Page>(service, PAGE, {
      owner: 'p2',
      after: first.dataOutputConfigurations.pageInfo.endCursor,
    });
    expect(second.dataOutputConfigurations.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.dataOutputConfigurations.nodes, ...second.dataOutputConfigurations.nodes];
    expect(new Set(ids.map((n) => n.id)).size).toBe(3);
    expect(ids.every((n) => n.owner.dataProductId === 'p2')).toBe(true);
    const p1 = await ok<Page>(service, PAGE, { owner: 'p1' });
    expect(p1.dataOutputConfigurations.totalCount).toBe(2);
  });

  it('an asset card: result string, console link with and without settings, details per environment', async () => {
    const created = await ok<{ createDataOutputConfiguration: { id: string } }>(service, CREATE, {
      input: { glue: { database: 'alpha', databaseSuffix: 'orders_' } },
    });
    const id = created.createDataOutputConfiguration.id;
    type Card = {
      dataOutputConfiguration: {
        resultString: string;
        consoleUrl: { url: string | null; reason: string | null };
        technicalInformation: Array<{ environment: string; info: string | null }>;
      };
    };
    const bare = await ok<Card>(service, CARD, { id });
    expect(bare.dataOutputConfiguration).toEqual({
      resultString: 'alpha__orders.*',
      consoleUrl: {
        url: null,
        reason:
          'The AWS accountId and region of this platform are not configured: an operator stores them with configurePlatformSettings.',
      },
      technicalInformation: [],
    });
    await ok(service, SETTINGS, { platform: 'glue', values: { accountId: '123456789012' } });
    await ok(service, SETTINGS, {
      platform: 'glue',
      environment: 'dev',
      values: { region: 'eu-west-1' },
    });
    await ok(service, SETTINGS, {
      platform: 'glue',
      environment: 'prd',
      values: { region: 'us-east-1' },
    });
    const dev = await ok<Card>(service, CARD, { id, env: 'dev' });
    expect(dev.dataOutputConfiguration.consoleUrl).toEqual({
      url: 'https://123456789012.signin.aws.amazon.com/console/athena?region=eu-west-1',
      reason: null,
    });
    expect(dev.dataOutputConfiguration.technicalInformation).toEqual(
      [
        { environment: 'dev', info: 'alpha__orders.*' },
        { environment: 'prd', info: 'alpha__orders.*' },
      ].map((i) => ({ ...i, reason: null })),
    );
    // The platform's own settings alone lack the region.
    const own = await ok<Card>(service, CARD, { id });
    expect(own.dataOutputConfiguration.consoleUrl.reason).toMatch(
      /AWS region of this platform is not configured/,
    );
    const stored = await ok<{ platformNamedSettings: unknown[] }>(
      service,
      '{ platformNamedSettings(platform: "glue") { environment values } }',
    );
    expect(stored.platformNamedSettings).toEqual([
      { environment: null, values: { accountId: '123456789012' } },
      { environment: 'dev', values: { region: 'eu-west-1' } },
      { environment: 'prd', values: { region: 'us-east-1' } },
    ]);
  });

  it('named settings are validated by the plugin’s schema; nothing unknown is kept', async () => {
    const bad = await graphql(service, SETTINGS, {
      platform: 'snowflake',
      values: { loginUrl: 'not a url', colour: 'blue' },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      ((bad.errors?.[0]?.extensions?.issues ?? []) as Array<{ path: unknown[] }>).map(
        (i) => i.path,
      ),
    ).toEqual([['values', 'loginUrl'], ['values']]);
    const unknown = await graphql(service, SETTINGS, { platform: 'nope', values: {} });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PLUGIN_NOT_FOUND');
    await ok(service, SETTINGS, {
      platform: 'snowflake',
      values: { loginUrl: 'https://acme.snowflakecomputing.com' },
    });
    const made = await ok<{ createDataOutputConfiguration: { id: string } }>(service, CREATE, {
      input: { snowflake: { database: 'alpha', schema: 'raw-data' } },
    });
    const card = await ok<{ dataOutputConfiguration: Record<string, unknown> }>(service, CARD, {
      id: made.createDataOutputConfiguration.id,
    });
    expect(card.dataOutputConfiguration).toMatchObject({
      resultString: 'alpha.raw_data.*',
      consoleUrl: { url: 'https://acme.snowflakecomputing.com', reason: null },
    });
  });
});
