import { aws, definePlugin } from '@data-product-portal/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import databricks from '../../plugins/databricks/index.js';
import glue from '../../plugins/glue/index.js';
import redshift from '../../plugins/redshift/index.js';
import s3 from '../../plugins/s3/src/index.js';
import snowflake from '../../plugins/snowflake/index.js';
import { pluginView } from '../../src/catalog/plugin-view.js';
import {
  consoleLinkOf,
  resultStringOf,
  technicalInformationOf,
} from '../../src/presentation/render.js';
import { parentTilesOf, platformTiles } from '../../src/presentation/tiles.js';

// The portal's templates (backend alembic 2025_05_09 "template_data_output_result" and its
// sample data) and post-processing (each plugin's render_template), with its test examples.

const stored = (plugin: typeof glue, input: Record<string, unknown>) =>
  plugin.config.parse(input) as Record<string, unknown>;
const settings = (entries: Record<string, Record<string, unknown>>) =>
  new Map(Object.entries(entries));

describe('result strings, as the portal renders them', () => {
  it.each([
    // Glue: {database}__{database_suffix}.{table}, trailing underscores stripped per dotted part.
    [glue, { database: 'sales', databaseSuffix: 'orders' }, 'sales__orders.*'],
    [
      glue,
      { database: 'sales', databaseSuffix: 'orders', accessGranularity: 'table', table: 'daily' },
      'sales__orders.daily',
    ],
    [glue, { database: 'sales', databaseSuffix: '' }, 'sales.*'],
    // Redshift: {database}__{schema}.{table}, the same tidying.
    [redshift, { database: 'dwh', schema: 'finance' }, 'dwh__finance.*'],
    [redshift, { database: 'dwh', schema: '' }, 'dwh.*'],
    // Snowflake: {database}.{schema}.{table}, dashes become underscores.
    [snowflake, { database: 'sales-eu', schema: 'raw-orders' }, 'sales_eu.raw_orders.*'],
    [
      snowflake,
      { database: 'sales', schema: 'raw', accessGranularity: 'table', table: 'daily-totals' },
      'sales.raw.daily_totals',
    ],
    // Databricks: {catalog}.{schema}.{table}, as typed.
    [databricks, { catalog: 'main', schema: 'sales' }, 'main.sales.*'],
  ] as const)('%#: %o renders %s', (plugin, input, expected) => {
    expect(resultStringOf(plugin, stored(plugin as typeof glue, input))).toBe(expected);
  });

  it('S3: {bucket}/{suffix}/{path}, empty segments dropped (the portal test: bucket/suffix/path)', () => {
    expect(resultStringOf(s3, { bucket: 'bucket', suffix: 'suffix', path: 'path' })).toBe(
      'bucket/suffix/path',
    );
    expect(resultStringOf(s3, { bucket: 'datalake', suffix: '', path: 'output' })).toBe(
      'datalake/output',
    );
  });
});

describe('technical information per environment', () => {
  it('S3: the bucket ARN of each environment (the portal test: datalakeartifacts/customer360/output/*)', () => {
    const config = { bucket: 'datalake', suffix: 'customer360', path: 'output' };
    const all = settings({
      '': { region: 'eu-west-1' },
      dev: { bucketArns: { datalake: 'datalakeartifacts' } },
      prd: { bucketArns: { other: 'arn:aws:s3:::other-prd' } },
    });
    expect(technicalInformationOf(s3, config, all)).toEqual([
      { environment: 'dev', info: 'datalakeartifacts/customer360/output/*', reason: null },
      {
        environment: 'prd',
        info: null,
        reason: 'Not configured for environment prd: bucketArn.',
      },
    ]);
  });

  it('warehouses render their result template in every environment; none without environments', () => {
    const config = stored(glue, { database: 'sales', databaseSuffix: 'orders' });
    const all = settings({ dev: {}, prd: {} });
    expect(technicalInformationOf(glue, config, all).map((i) => i.info)).toEqual([
      'sales__orders.*',
      'sales__orders.*',
    ]);
    expect(technicalInformationOf(glue, config, settings({ '': {} }))).toEqual([]);
  });
});

describe('console links', () => {
  const config = { bucket: 'datalake', suffix: '', path: 'output' };
  it('AWS: the account sign-in page opening the service console, from account id and region', () => {
    const all = settings({ '': { accountId: '123456789012' }, dev: { region: 'eu-west-1' } });
    expect(consoleLinkOf(s3, config, all, 'dev')).toEqual({
      url: 'https://123456789012.signin.aws.amazon.com/console/s3?region=eu-west-1',
      reason: null,
    });
    expect(consoleLinkOf(glue, config, all, 'dev').url).toBe(
      'https://123456789012.signin.aws.amazon.com/console/athena?region=eu-west-1',
    );
    expect(consoleLinkOf(s3, config, all, null)).toEqual({
      url: null,
      reason:
        'The AWS region of this platform is not configured: an operator stores them with configurePlatformSettings.',
    });
    expect(consoleLinkOf(redshift, config, settings({}), null).reason).toMatch(
      /^The AWS accountId and region of this platform are not configured/,
    );
  });

  it('Snowflake: the login URL; Databricks: the workspace URL', () => {
    expect(
      consoleLinkOf(
        snowflake,
        {},
        settings({ '': { loginUrl: 'https://acme.snowflakecomputing.com' } }),
        null,
      ),
    ).toEqual({ url: 'https://acme.snowflakecomputing.com', reason: null });
    expect(consoleLinkOf(snowflake, {}, settings({}), null).reason).toMatch(/loginUrl/);
    expect(
      consoleLinkOf(
        databricks,
        {},
        settings({ prd: { workspaceUrl: 'https://adb-1.azuredatabricks.net' } }),
        'prd',
      ).url,
    ).toBe('https://adb-1.azuredatabricks.net');
    expect(consoleLinkOf(databricks, {}, settings({}), 'prd').reason).toMatch(/workspaceUrl/);
  });
});

describe('platform tiles', () => {
  const views = [snowflake, databricks, glue, redshift, s3].map((plugin) =>
    pluginView({ plugin, source: 'test' }),
  );
  it('AWS holds S3, Glue and Redshift; Snowflake and Databricks stand alone', () => {
    const tiles = platformTiles(views, parentTilesOf([glue, redshift, s3]));
    expect(tiles.map((t) => [t.key, t.label, t.iconName, t.children.map((c) => c.key)])).toEqual([
      ['snowflake', 'Snowflake', 'snowflake-logo.svg', []],
      ['databricks', 'Databricks', 'databricks-logo.svg', []],
      ['aws', 'AWS', 'aws-logo.svg', ['glue', 'redshift', 's3']],
    ]);
    // Nothing configured yet: every select lacks its options.
    expect(tiles.every((t) => !t.configured)).toBe(true);
    const configuredViews = views.map((v) => ({ ...v, notConfigured: false }));
    expect(platformTiles(configuredViews, new Map()).every((t) => t.configured)).toBe(true);
  });

  it('a parent no plugin declares is its key in capitals, as the portal shows it', () => {
    const tiles = platformTiles(views, new Map());
    expect(tiles[2]).toMatchObject({ key: 'aws', label: 'AWS', iconName: 'aws-logo.svg' });
    expect(aws.label).toBe('AWS');
  });

  it('two plugins declaring one parent differently stop the start-up, naming both', () => {
    const other = definePlugin({
      ...glue,
      check: undefined,
      consoleUrl: undefined,
      name: 'AthenaDataOutput',
      config: z.object({ name: z.string().meta({ description: 'x' }) }),
      platform: { ...glue.platform, key: 'athena', parentTile: { ...aws, label: 'Amazon' } },
    });
    expect(() => parentTilesOf([glue, other])).toThrow(
      'Plugins GlueDataOutput and AthenaDataOutput declare parent tile aws differently',
    );
  });
});
