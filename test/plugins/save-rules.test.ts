import { describe, expect, it } from 'vitest';
import databricks from '../../plugins/databricks/index.js';
import glue from '../../plugins/glue/index.js';
import redshift from '../../plugins/redshift/index.js';
import snowflake from '../../plugins/snowflake/index.js';

const cases = [
  {
    plugin: snowflake,
    own: { database: 'sales', schema: 'orders' },
    container: 'database',
    path: 'databasePath',
  },
  {
    plugin: databricks,
    own: { catalog: 'sales', schema: 'orders' },
    container: 'catalog',
    path: 'catalogPath',
  },
  {
    plugin: glue,
    own: { database: 'sales', databaseSuffix: 'orders' },
    container: 'database',
    path: 'databasePath',
  },
  {
    plugin: redshift,
    own: { database: 'sales', schema: 'orders' },
    container: 'database',
    path: 'databasePath',
  },
] as const;

describe.each(cases)('$plugin.name save rules', ({ plugin, own, path }) => {
  it('at schema granularity forces the table to * and defaults both paths', () => {
    expect(plugin.config.parse({ ...own, accessGranularity: 'schema', table: 'ignored' })).toEqual({
      ...own,
      accessGranularity: 'schema',
      table: '*',
      bucketIdentifier: '',
      [path]: 'sales',
      tablePath: '*',
    });
  });

  it('at table granularity keeps the table and given paths', () => {
    const parsed = plugin.config.parse({
      ...own,
      accessGranularity: 'table',
      table: 'lines',
      [path]: 'custom/path',
    });
    expect(parsed).toMatchObject({ table: 'lines', [path]: 'custom/path', tablePath: 'lines' });
  });

  it('rejects a missing container, naming it; accepts an empty schema or suffix, as the portal does', () => {
    const [container, second] = Object.keys(own) as [string, string];
    const result = plugin.config.safeParse({ ...own, [container]: undefined });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([container]);
    expect(plugin.config.safeParse({ ...own, [second]: '' }).success).toBe(true);
  });
});
