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

  it('are neither listed, read, updated nor deleted, and are kept in the database', async () => {
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
      // Refused naming the plugin, not "not found": the row is there, for the instances that have it.
      expect(removal.errors?.[0]?.extensions).toEqual({
        code: 'PLUGIN_NOT_AVAILABLE',
        plugin: 'SnowflakeDataOutput',
      });
      expect(removal.errors?.[0]?.message).toContain(
        `Configuration ${snowflakeId} belongs to plugin SnowflakeDataOutput, which this instance of the service does not have`,
      );
      const glue = await formOf(glueOnly, 'GlueDataOutput');
      const update = await graphql(
        glueOnly,
        'mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { id } }',
        { id: snowflakeId, input: { glue: fill(glue, 1) } },
      );
      expect(update.errors?.[0]?.extensions).toEqual({
        code: 'PLUGIN_NOT_AVAILABLE',
        plugin: 'SnowflakeDataOutput',
      });
      const missing = await graphql(
        glueOnly,
        'mutation { deleteDataOutputConfiguration(id: "00000000-0000-4000-8000-000000000000") { id } }',
      );
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
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
