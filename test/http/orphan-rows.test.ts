import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { BACKENDS } from '../support/backends.js';
import { warningsInto } from '../support/logs.js';
import { configureAllPlatforms, create, fill, formOf, ok } from '../support/portal-client.js';
import { createScratchDatabase } from '../support/postgres.js';
import { graphql, startTestService } from '../support/service.js';

// A base row whose plugin row was deleted outside the service (by hand, a partial restore).

async function createSome(service: Service): Promise<{ glue: string[]; snowflake: string }> {
  await configureAllPlatforms(service);
  const glueForm = await formOf(service, 'GlueDataOutput');
  const glue: string[] = [];
  for (const variant of [0, 1, 2]) {
    const created = await create(service, glueForm, fill(glueForm, variant));
    glue.push(created.data!.createDataOutputConfiguration.id);
  }
  const snowflakeForm = await formOf(service, 'SnowflakeDataOutput');
  const snowflake = (await create(service, snowflakeForm, fill(snowflakeForm, 0))).data!
    .createDataOutputConfiguration.id;
  return { glue, snowflake };
}

const LIST = `query($plugin: String, $first: Int!, $after: String) {
  dataOutputConfigurations(plugin: $plugin, first: $first, after: $after) {
    totalCount nodes { id } pageInfo { hasNextPage endCursor }
  }
}`;

interface ListPage {
  dataOutputConfigurations: {
    totalCount: number;
    nodes: Array<{ id: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe.each(BACKENDS)('a base row without its plugin row on $name', (backend) => {
  let service: Service;
  let stop: () => Promise<void>;
  let ids: { glue: string[]; snowflake: string };
  let orphan: string;
  beforeAll(async () => {
    ({ service, stop } = await backend.start());
    ids = await createSome(service);
    orphan = ids.glue[1] as string;
    await service.db.prisma.$executeRawUnsafe(
      `DELETE FROM glue_data_outputs WHERE id = '${orphan}'::uuid`,
    );
  });
  afterAll(() => stop?.());

  it('lists skip it: full pages, totalCount agrees with what is listed', async () => {
    const all = await ok<ListPage>(service, LIST, { first: 20 });
    const listed = all.dataOutputConfigurations.nodes.map((n) => n.id);
    expect(listed).not.toContain(orphan);
    expect(listed.sort()).toEqual([ids.glue[0], ids.glue[2], ids.snowflake].sort());
    expect(all.dataOutputConfigurations.totalCount).toBe(3);

    const glueOnly = await ok<ListPage>(service, LIST, { plugin: 'GlueDataOutput', first: 20 });
    expect(glueOnly.dataOutputConfigurations.totalCount).toBe(2);
    expect(glueOnly.dataOutputConfigurations.nodes).toHaveLength(2);

    // Page by page, one row each: no empty page, and the last says there is no next.
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const { dataOutputConfigurations: c }: ListPage = await ok<ListPage>(service, LIST, {
        first: 1,
        after,
      });
      expect(c.nodes).toHaveLength(1);
      seen.push(...c.nodes.map((n) => n.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(listed.sort());
  });

  it('a read by id finds nothing, an update NOT_FOUND; neither fails', async () => {
    const read = await ok<{ dataOutputConfiguration: unknown }>(
      service,
      'query($id: ID!) { dataOutputConfiguration(id: $id) { id } }',
      { id: orphan },
    );
    expect(read.dataOutputConfiguration).toBeNull();
    const glueForm = await formOf(service, 'GlueDataOutput');
    const update = await graphql(
      service,
      'mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { id } }',
      { id: orphan, input: { glue: fill(glueForm, 1) } },
    );
    expect(update.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('deleting it answers with what was stored, and removes it', async () => {
    const deleted = await ok<{ deleteDataOutputConfiguration: Record<string, unknown> }>(
      service,
      'mutation($id: ID!) { deleteDataOutputConfiguration(id: $id) { __typename id plugin platform ... on GlueDataOutput { database } } }',
      { id: orphan },
    );
    expect(deleted.deleteDataOutputConfiguration).toEqual({
      __typename: 'IncompleteDataOutputConfiguration',
      id: orphan,
      plugin: 'GlueDataOutput',
      platform: 'glue',
    });
    const left = await service.db.prisma.dataOutputConfiguration.count({ where: { id: orphan } });
    expect(left).toBe(0);
    const all = await ok<ListPage>(service, LIST, { first: 20 });
    expect(all.dataOutputConfigurations.totalCount).toBe(3);
  });
});

describe('orphans in the logs', () => {
  const warnings: string[] = [];

  it('logs it where it is met, naming it', async () => {
    const logged = await startTestService({}, await warningsInto(warnings));
    try {
      const other = await createSome(logged);
      const id = other.glue[0] as string;
      await logged.db.prisma.$executeRawUnsafe(
        `DELETE FROM glue_data_outputs WHERE id = '${id}'::uuid`,
      );
      await graphql(logged, `{ dataOutputConfiguration(id: "${id}") { id } }`);
      await graphql(logged, `mutation { deleteDataOutputConfiguration(id: "${id}") { id } }`);
      expect(warnings).toEqual([
        `Data output configuration ${id} (plugin GlueDataOutput) has no row in its plugin's table: the tables were changed outside the service; reads skip it`,
        `Data output configuration ${id} (plugin GlueDataOutput) has no row in its plugin's table: the tables were changed outside the service; deleted`,
      ]);
    } finally {
      await logged.close();
    }
  });

  it('at start-up: counted and named in one warning', async () => {
    const db = await createScratchDatabase('portal_orphans');
    try {
      const first = await startTestService({ DATABASE_URL: db.url });
      let orphan: string;
      try {
        orphan = (await createSome(first)).glue[2] as string;
        await db.query(`DELETE FROM glue_data_outputs WHERE id = '${orphan}'`);
      } finally {
        await first.close();
      }
      warnings.length = 0;
      const second = await startTestService({ DATABASE_URL: db.url }, await warningsInto(warnings));
      await second.close();
      expect(warnings).toContain(
        `1 data output configuration(s) have no row in their plugin's table (changed outside the service): lists and reads skip them, deleteDataOutputConfiguration removes them. Ids: ${orphan}`,
      );
    } finally {
      await db.drop();
    }
  });
});
