import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { BACKENDS } from '../support/backends.js';
import {
  CONFIG_FIELDS,
  configureAllPlatforms,
  create,
  fill,
  formOf,
  ok,
  rowCounts,
  type Stored,
} from '../support/portal-client.js';
import { graphql } from '../support/service.js';

const PLUGINS = [
  'DatabricksDataOutput',
  'GlueDataOutput',
  'RedshiftDataOutput',
  'SnowflakeDataOutput',
];

/** A configuration with the given fields of its plugin's type, through an inline fragment. */
async function read(service: Service, id: string, plugin: string, fields: string[]) {
  const { dataOutputConfiguration } = await ok<{ dataOutputConfiguration: Stored | null }>(
    service,
    `query($id: ID!) { dataOutputConfiguration(id: $id) { ${CONFIG_FIELDS} ... on ${plugin} { ${fields.join(' ')} } } }`,
    { id },
  );
  return dataOutputConfiguration;
}

describe.each(BACKENDS)('data output configurations on $name', (backend) => {
  let service: Service;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ service, stop } = await backend.start());
    await configureAllPlatforms(service);
  });
  afterAll(() => stop?.());

  it.each(PLUGINS)('%s: create, read with its own fields, update, list, delete', async (plugin) => {
    const form = await formOf(service, plugin);
    const before = await rowCounts(service);

    const schemaLevel = { ...fill(form, 0), accessGranularity: 'schema' };
    const created = await create(service, form, schemaLevel);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createDataOutputConfiguration.id;
    expect(created.data!.createDataOutputConfiguration).toMatchObject({
      plugin,
      platform: form.platform,
    });
    expect(await rowCounts(service)).toEqual({ base: before.base + 1, plugin: before.plugin + 1 });

    const fields = [...form.elements.map((e) => e.name), 'tablePath'];
    const stored = await read(service, id, plugin, fields);
    // The save rules: schema granularity grants the whole schema, so the table is `*`.
    expect(stored).toMatchObject({ ...schemaLevel, id, plugin, table: '*', tablePath: '*' });

    const tableLevel = { ...fill(form, 1), accessGranularity: 'table', table: 'orders' };
    const { updateDataOutputConfiguration: updated } = await ok<{
      updateDataOutputConfiguration: Stored;
    }>(
      service,
      `mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { ${CONFIG_FIELDS} } }`,
      { id, input: { [form.platform]: tableLevel } },
    );
    expect(updated.id).toBe(id);
    expect(updated.createdAt).toBe(stored!.createdAt);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(stored!.updatedAt));
    expect(await read(service, id, plugin, fields)).toMatchObject({
      ...tableLevel,
      table: 'orders',
      tablePath: 'orders',
    });

    const { dataOutputConfigurations: list } = await ok<{
      dataOutputConfigurations: { nodes: Stored[] };
    }>(
      service,
      'query($plugin: String) { dataOutputConfigurations(plugin: $plugin, first: 100) { nodes { id plugin } } }',
      { plugin },
    );
    expect(list.nodes.map((n) => n.id)).toContain(id);
    expect(new Set(list.nodes.map((n) => n.plugin))).toEqual(new Set([plugin]));

    const { deleteDataOutputConfiguration: deleted } = await ok<{
      deleteDataOutputConfiguration: Stored;
    }>(service, 'mutation($id: ID!) { deleteDataOutputConfiguration(id: $id) { id plugin } }', {
      id,
    });
    expect(deleted).toEqual({ id, plugin });
    expect(await read(service, id, plugin, fields)).toBeNull();
    expect(await rowCounts(service)).toEqual(before);
  });

  it('pages through a list newest first with cursors, filtered by plugin', async () => {
    const glue = await formOf(service, 'GlueDataOutput');
    const snowflake = await formOf(service, 'SnowflakeDataOutput');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await create(service, glue, fill(glue, i))).data!.createDataOutputConfiguration.id);
      await create(service, snowflake, fill(snowflake, i));
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: {
        dataOutputConfigurations: {
          totalCount: number;
          edges: Array<{ cursor: string; node: Stored }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await ok(
        service,
        'query($after: String) { dataOutputConfigurations(plugin: "GlueDataOutput", first: 2, after: $after) { totalCount edges { cursor node { id plugin ...on GlueDataOutput { database } } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const { edges, pageInfo, totalCount } = page.dataOutputConfigurations;
      expect(totalCount).toBe(5);
      expect(edges.length).toBeLessThanOrEqual(2);
      expect(
        edges.every(
          (e) => e.node.plugin === 'GlueDataOutput' && typeof e.node.database === 'string',
        ),
      ).toBe(true);
      seen.push(...edges.map((e) => e.node.id));
      pages += 1;
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const all = await ok<{ dataOutputConfigurations: { totalCount: number } }>(
      service,
      '{ dataOutputConfigurations { totalCount } }',
    );
    expect(all.dataOutputConfigurations.totalCount).toBe(10);
  });

  it('stores fifty concurrent creates completely: no base row without its plugin row', async () => {
    const form = await formOf(service, 'RedshiftDataOutput');
    const before = await rowCounts(service);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => create(service, form, fill(form, i))),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.createDataOutputConfiguration.id)).size).toBe(50);
    expect(await rowCounts(service)).toEqual({
      base: before.base + 50,
      plugin: before.plugin + 50,
    });
    const orphans = await service.db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM data_output_configurations b WHERE NOT EXISTS (SELECT 1 FROM redshift_data_outputs r WHERE r.id = b.id) AND b.plugin = $1',
      'RedshiftDataOutput',
    );
    expect(orphans).toEqual([{ n: 0 }]);
  });

  it('answers an unknown id with null and a malformed one with BAD_USER_INPUT', async () => {
    const unknown = await graphql(
      service,
      '{ dataOutputConfiguration(id: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    expect(unknown).toEqual({ data: { dataOutputConfiguration: null } });
    const malformed = await graphql(service, '{ dataOutputConfiguration(id: "42") { id } }');
    expect(malformed.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [{ path: ['id'], field: [], message: 'Must be a UUID' }],
    });
  });
});
