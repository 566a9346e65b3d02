import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseMigrations } from '../../src/db/migrate.js';
import { paths } from '../../src/paths.js';
import type { Service } from '../../src/service.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { graphql, startTestService } from '../support/service.js';

describe('the service on PostgreSQL (DATABASE_URL)', () => {
  let db: ScratchDatabase;
  let service: Service;
  beforeAll(async () => {
    db = await createScratchDatabase('service_test');
    service = await startTestService({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  it('migrates the database at start-up and serves the plugins', async () => {
    const tables = await db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    // The whole history is applied: a checkout may hold more plugins than these.
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining([
        '_prisma_migrations',
        'data_output_configurations',
        'databricks_data_outputs',
        'glue_data_outputs',
        'platform_configurations',
        'plugin_migrations',
        'redshift_data_outputs',
        'snowflake_data_outputs',
      ]),
    );
    const diagnosis = await diagnoseMigrations({
      adapterFactory: new PrismaPg({ connectionString: db.url }),
      migrationsDir: paths.migrations,
    });
    expect(diagnosis.pendingMigrationNames).toEqual([]);
    const { data } = await graphql<{ plugins: Array<{ name: string }> }>(
      service,
      '{ plugins { name } }',
    );
    expect(data?.plugins).toHaveLength(4);
  });

  it('cascades a base row delete to the plugin row (the fragment contract)', async () => {
    await db.query(
      `INSERT INTO data_output_configurations (id, plugin, updated_at) VALUES ('00000000-0000-0000-0000-000000000001', 'GlueDataOutput', now())`,
    );
    await db.query(
      `INSERT INTO glue_data_outputs VALUES ('00000000-0000-0000-0000-000000000001', 'db', 'sfx', 'schema', '*', '', 'db', '*')`,
    );
    await db.query(`DELETE FROM data_output_configurations`);
    expect(await db.query('SELECT count(*)::int AS n FROM glue_data_outputs')).toEqual([{ n: 0 }]);
  });
});
