import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configureAllPlatforms,
  create,
  fill,
  formOf,
  ok,
  rowCounts,
} from '../support/portal-client.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { graphql, startTestService } from '../support/service.js';

// Turning a plugin off hides its configurations from the API; their rows stay, and come back with it.
describe('configurations of a plugin that is no longer enabled', () => {
  let db: ScratchDatabase;
  let glueId: string;
  let snowflakeId: string;
  beforeAll(async () => {
    db = await createScratchDatabase('disabled_plugin');
    const all = await startTestService({ DATABASE_URL: db.url });
    try {
      await configureAllPlatforms(all);
      const glue = await formOf(all, 'GlueDataOutput');
      const snowflake = await formOf(all, 'SnowflakeDataOutput');
      glueId = (await create(all, glue, fill(glue, 0))).data!.createDataOutputConfiguration.id;
      snowflakeId = (await create(all, snowflake, fill(snowflake, 0))).data!
        .createDataOutputConfiguration.id;
    } finally {
      await all.close();
    }
  });
  afterAll(() => db?.drop());

  it('are neither listed, read nor deletable, and are kept in the database', async () => {
    const glueOnly = await startTestService({
      DATABASE_URL: db.url,
      ENABLED_PLUGINS: 'GlueDataOutput',
    });
    try {
      const list = await ok<{
        dataOutputConfigurations: { totalCount: number; nodes: Array<{ id: string }> };
      }>(glueOnly, '{ dataOutputConfigurations { totalCount nodes { id } } }');
      expect(list.dataOutputConfigurations).toEqual({ totalCount: 1, nodes: [{ id: glueId }] });
      expect(
        await ok(glueOnly, `{ dataOutputConfiguration(id: "${snowflakeId}") { id } }`),
      ).toEqual({ dataOutputConfiguration: null });
      const removal = await graphql(
        glueOnly,
        `mutation { deleteDataOutputConfiguration(id: "${snowflakeId}") { id } }`,
      );
      expect(removal.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await rowCounts(glueOnly)).toEqual({ base: 2, plugin: 2 });
    } finally {
      await glueOnly.close();
    }

    const again = await startTestService({ DATABASE_URL: db.url });
    try {
      const read = await ok<{ dataOutputConfiguration: { id: string; plugin: string } }>(
        again,
        `{ dataOutputConfiguration(id: "${snowflakeId}") { id plugin } }`,
      );
      expect(read.dataOutputConfiguration).toEqual({
        id: snowflakeId,
        plugin: 'SnowflakeDataOutput',
      });
    } finally {
      await again.close();
    }
  });
});
