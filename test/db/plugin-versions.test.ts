import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginOlderThanDatabaseError } from '../../src/db/plugin-versions.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { startTestService } from '../support/service.js';

// A database that newer plugin versions migrated: their migrations recorded themselves in
// plugin_migrations (as the S3 upgrade test shows end to end). Here the records are written
// directly, as two later Glue releases would have left them.
describe('start-up on a database migrated by newer versions of a plugin', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase('plugin_versions');
    const first = await startTestService({ DATABASE_URL: db.url });
    await first.close();
    await db.query(`INSERT INTO plugin_migrations (migration_name, plugin, plugin_version, applied_at) VALUES
      ('20991231000000_glue_add_owner', 'GlueDataOutput', '1.1.0', '2099-12-31T00:00:00Z'),
      ('20991231000001_glue_add_region', 'GlueDataOutput', '1.2.0', '2099-12-31T00:00:01Z')`);
  });
  afterAll(() => db?.drop());

  it('refuses to start the older plugin, naming it, both versions and the fix', async () => {
    const started = startTestService({ DATABASE_URL: db.url });
    await expect(started).rejects.toBeInstanceOf(PluginOlderThanDatabaseError);
    await expect(started).rejects.toThrow(
      [
        'Plugin GlueDataOutput 1.0.0 (internal (plugins/glue)) is older than the database: GlueDataOutput 1.2.0 migrated it.',
        'The database applied migrations of GlueDataOutput that version 1.0.0 does not have: ' +
          '20991231000000_glue_add_owner (GlueDataOutput 1.1.0, applied 2099-12-31T00:00:00.000Z), ' +
          '20991231000001_glue_add_region (GlueDataOutput 1.2.0, applied 2099-12-31T00:00:01.000Z).',
        'Fix: run a build of the service whose GlueDataOutput is at 1.2.0 or later, run `npm run schema:build` and start again. ' +
          'To run without the plugin instead, leave it out of ENABLED_PLUGINS (its configurations stay in the database). ' +
          'Version 1.0.0 runs again only on a database restored from before 1.2.0 was installed.',
      ].join('\n'),
    );
  });

  it('starts without that plugin: an absent plugin is no concern', async () => {
    const service = await startTestService({
      DATABASE_URL: db.url,
      ENABLED_PLUGINS: 'SnowflakeDataOutput,DatabricksDataOutput',
    });
    try {
      expect(service.registry.names()).toEqual(['DatabricksDataOutput', 'SnowflakeDataOutput']);
    } finally {
      await service.close();
    }
  });
});
