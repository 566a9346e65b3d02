import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { expectSuccess, graphql, ok, sequentialSteps } from '../support/e2e.js';
import { startInstances } from '../support/instances.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import {
  commandEnv,
  copyProject,
  makeScratchFolder,
  type RunningService,
  runCommand,
  startServiceProcess,
} from '../support/scratch-project.js';

// A rolling upgrade on one PostgreSQL database: the running release (this project, without the S3
// package) keeps serving while the next one (a copy with the package installed) starts beside it
// and migrates. The older one hides the S3 configurations, refuses to change them naming the
// plugin, and can still start, while the start-up checks still refuse a migration nobody accounts for.

const S3_PLUGIN = 'S3DataOutput';
const S3_MIGRATIONS = ['20261126140000_s3_data_output', '20261127145943_s3_add_storage_class'];

const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { configured } }';
const CREATE =
  'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id plugin } }';
const UPDATE =
  'mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { id } }';
const DELETE = 'mutation($id: ID!) { deleteDataOutputConfiguration(id: $id) { id } }';
const LIST = '{ dataOutputConfigurations { totalCount nodes { id plugin } } }';
const READ = 'query($id: ID!) { dataOutputConfiguration(id: $id) { id } }';
const PLUGINS = '{ plugins { name } }';

interface Listed {
  dataOutputConfigurations: { totalCount: number; nodes: Array<{ id: string; plugin: string }> };
}

describe('a rolling upgrade that adds the S3 package, on one PostgreSQL database', {
  timeout: 300_000,
}, () => {
  let scratch = '';
  let db: ScratchDatabase;
  const running: RunningService[] = [];
  let older: RunningService;
  let newer: RunningService;
  let glueId = '';
  let s3Id = '';

  const npm = (args: string[]) =>
    runCommand('npm', args, { cwd: scratch, env: commandEnv(), timeoutMs: 240_000 });
  const startIn = async (cwd: string) => {
    const [instance] = (await startInstances(1, db.url, { cwd })).all;
    if (!instance) throw new Error('no instance started');
    running.push(instance);
    return instance;
  };
  const step = sequentialSteps();

  beforeAll(async () => {
    db = await createScratchDatabase('rolling_upgrade');
    scratch = await makeScratchFolder('rolling-upgrade-');
    await copyProject(projectRoot, scratch);
    expectSuccess(await npm(['run', 'build:sdk']));
    expectSuccess(await npm(['install', './plugins/s3', '--no-audit', '--no-fund']));
    expectSuccess(await npm(['run', 'schema:build']));
  }, 600_000);

  afterAll(async () => {
    await Promise.all(running.map((instance) => instance.stop()));
    await db?.drop();
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  }, 120_000);

  step('the running release serves Glue', async () => {
    older = await startIn(projectRoot);
    await ok(older, CONFIGURE, { input: { glue: { databases: ['sales'] } } });
    const created = await ok<{ createDataOutputConfiguration: { id: string } }>(older, CREATE, {
      input: { glue: { database: 'sales', databaseSuffix: 'orders' } },
    });
    glueId = created.createDataOutputConfiguration.id;
  });

  step('the next release starts beside it and applies the S3 migrations', async () => {
    newer = await startIn(scratch);
    for (const migration of S3_MIGRATIONS)
      expect(newer.logs()).toContain(`applied migration ${migration}`);
    await ok(newer, CONFIGURE, { input: { s3: { buckets: ['raw'] } } });
    const created = await ok<{ createDataOutputConfiguration: { id: string } }>(newer, CREATE, {
      input: { s3: { bucket: 'raw', path: 'sales/orders' } },
    });
    s3Id = created.createDataOutputConfiguration.id;
    const listed = await ok<Listed>(newer, LIST);
    expect(listed.dataOutputConfigurations.totalCount).toBe(2);
  });

  step('the running release keeps serving, without the S3 configurations', async () => {
    const { plugins } = await ok<{ plugins: Array<{ name: string }> }>(older, PLUGINS);
    expect(plugins.map((p) => p.name)).not.toContain(S3_PLUGIN);
    expect(await ok<Listed>(older, LIST)).toEqual({
      dataOutputConfigurations: {
        totalCount: 1,
        nodes: [{ id: glueId, plugin: 'GlueDataOutput' }],
      },
    });
    expect(await ok(older, READ, { id: s3Id })).toEqual({ dataOutputConfiguration: null });
    const created = await graphql(older, CREATE, {
      input: { glue: { database: 'sales', databaseSuffix: 'during' } },
    });
    expect(created.errors).toBeUndefined();
  });

  step('the running release refuses to change an S3 configuration, naming the plugin', async () => {
    const update = await graphql(older, UPDATE, {
      id: s3Id,
      input: { glue: { database: 'sales', databaseSuffix: 'x' } },
    });
    const removal = await graphql(older, DELETE, { id: s3Id });
    for (const answer of [update, removal]) {
      expect(answer.errors?.[0]?.extensions, JSON.stringify(answer)).toEqual({
        code: 'PLUGIN_NOT_AVAILABLE',
        plugin: S3_PLUGIN,
      });
      expect(answer.errors?.[0]?.message).toContain(
        `belongs to plugin ${S3_PLUGIN}, which this instance of the service does not have`,
      );
    }
    // Still there, unchanged, for the release that has the plugin.
    const read = await ok<{ dataOutputConfiguration: { id: string } | null }>(newer, READ, {
      id: s3Id,
    });
    expect(read.dataOutputConfiguration).toEqual({ id: s3Id });
  });

  step(
    'another instance of the running release still starts, naming the plugin it lacks',
    async () => {
      const another = await startIn(projectRoot);
      expect(another.logs()).toContain(
        `The database has migrations of plugin ${S3_PLUGIN}, which this instance does not have (${S3_MIGRATIONS.join(', ')})`,
      );
      expect((await ok<Listed>(another, LIST)).dataOutputConfigurations.totalCount).toBe(2);
    },
  );

  step('a migration no plugin accounts for still stops its start-up', async () => {
    await db.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('drift', 'x', '20261127235959_made_by_hand', now(), now(), 1)`,
    );
    const refusal = await startServiceProcess(
      projectRoot,
      commandEnv({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }),
      120_000,
    ).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refusal).toContain('Migration history is inconsistent, nothing was applied');
    // The hand-made migration alone is named: the S3 ones are accounted for.
    expect(refusal.match(/^- "[^"]+"/gm)).toEqual(['- "20261127235959_made_by_hand"']);
    expect(refusal).toContain('is applied in the database but missing from');
  });
});
