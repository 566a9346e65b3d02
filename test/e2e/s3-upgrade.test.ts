import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { expectSuccess, ok, sequentialSteps } from '../support/e2e.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import {
  commandEnv,
  copyProject,
  describeRun,
  makeScratchFolder,
  type RunningService,
  runCommand,
  startServiceProcess,
} from '../support/scratch-project.js';

// The author guide's 1.0 -> 1.1 walk-through, as an operator lives it, on a copy of the project
// and on both databases: install the S3 package 1.0.0 (its released tarball), store a
// configuration, upgrade to plugins/s3 (1.2.0: 1.1.0 added a storage class), rebuild and migrate
// (the service itself on PGlite, `prisma migrate deploy` on PostgreSQL), and find the old row with
// the default and a new row with the new field. Then put 1.0.0 back: it must not start on either.

const S3_PACKAGE = '@data-product-portal/plugin-s3';
const S3_PLUGIN = 'S3DataOutput';
const RELEASE_1_0 = 'test/fixtures/releases/data-product-portal-plugin-s3-1.0.0.tgz';
const CREATE_TABLE = '20261126140000_s3_data_output';
const ADD_STORAGE_CLASS = '20261127145943_s3_add_storage_class';
/** The version in plugins/s3; its storage class migration came with 1.1.0. */
const CURRENT = '1.2.0';

const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { configured } }';
const FIELDS_1_0 = 'id ... on S3DataOutput { bucket suffix path }';
const FIELDS_1_1 = 'id ... on S3DataOutput { bucket suffix path storageClass }';
const create = (fields: string) =>
  `mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { ${fields} } }`;
const list = (fields: string) =>
  `{ dataOutputConfigurations(plugin: "${S3_PLUGIN}") { nodes { ${fields} } } }`;
const VERSION = `{ plugins { name version } }`;
const STORAGE_CLASS_ELEMENT = `{ pluginForm(name: "${S3_PLUGIN}") { elements { name type initialValue options { label value } } } }`;

type Row = Record<string, unknown> & { id: string };

interface Backend {
  name: string;
  env: () => Record<string, string>;
  /** Brings the database to date before the service starts; the service does it on PGlite. */
  migrate?: () => Promise<string>;
}

describe(`the ${S3_PACKAGE} package upgraded from 1.0.0 to ${CURRENT}, then put back`, {
  timeout: 300_000,
}, () => {
  let scratch = '';
  let postgres: ScratchDatabase | undefined;
  let service: RunningService | undefined;
  const inScratch = (...parts: string[]) => path.join(scratch, ...parts);
  const npm = (args: string[], env: Record<string, string> = {}) =>
    runCommand('npm', args, { cwd: scratch, env: commandEnv(env), timeoutMs: 240_000 });

  const pglite: Backend = {
    name: 'PGlite',
    env: () => ({ PGLITE_DIR: inScratch('data/pglite') }),
  };
  const postgresql: Backend = {
    name: 'PostgreSQL',
    env: () => ({ DATABASE_URL: postgres?.url ?? '' }),
    migrate: async () => {
      const run = await npm(['run', 'prisma', '--', 'migrate', 'deploy'], postgresql.env());
      expectSuccess(run);
      expect(run.stdout, describeRun(run)).toContain(
        'All migrations have been successfully applied.',
      );
      return run.stdout;
    },
  };
  const backends = [pglite, postgresql];

  const start = async (backend: Backend) => {
    await service?.stop();
    service = undefined;
    const env = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...backend.env() };
    service = await startServiceProcess(scratch, commandEnv(env), 180_000);
    return service;
  };
  const stop = async () => {
    const code = await service?.stop();
    const logs = service?.logs();
    service = undefined;
    expect(code, `the service did not exit cleanly on SIGTERM\n--- output\n${logs}`).toBe(0);
  };
  const installedVersion = async () =>
    (
      JSON.parse(await readFile(inScratch('node_modules', S3_PACKAGE, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;

  const step = sequentialSteps();
  // Rows stored by 1.0.0, by backend.
  const stored = new Map<string, Row>();

  beforeAll(async () => {
    scratch = await makeScratchFolder('s3-upgrade-');
    await copyProject(projectRoot, scratch);
    expectSuccess(await npm(['run', 'build:sdk']));
    postgres = await createScratchDatabase('s3_upgrade');
  }, 600_000);

  afterAll(async () => {
    await service?.stop();
    await postgres?.drop();
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  }, 120_000);

  step('1.0.0 installs from its release tarball and builds', async () => {
    expectSuccess(await npm(['install', `./${RELEASE_1_0}`, '--no-audit', '--no-fund']));
    expect(await installedVersion()).toBe('1.0.0');
    expectSuccess(await npm(['run', 'schema:build']));
    expect(existsSync(inScratch('prisma/migrations', CREATE_TABLE))).toBe(true);
    expect(existsSync(inScratch('prisma/migrations', ADD_STORAGE_CLASS))).toBe(false);
  });

  for (const backend of backends) {
    step(`1.0.0 on ${backend.name}: migrated, it stores a configuration`, async () => {
      await backend.migrate?.();
      const running = await start(backend);
      expect(await ok(running, VERSION)).toMatchObject({
        plugins: expect.arrayContaining([{ name: S3_PLUGIN, version: '1.0.0' }]),
      });
      await ok(running, CONFIGURE, { input: { s3: { buckets: ['raw', 'curated'] } } });
      const { createDataOutputConfiguration: row } = await ok<{
        createDataOutputConfiguration: Row;
      }>(running, create(FIELDS_1_0), { input: { s3: { bucket: 'raw', path: 'sales/orders' } } });
      expect(row).toMatchObject({ bucket: 'raw', suffix: '', path: 'sales/orders' });
      stored.set(backend.name, row);
      await stop();
    });
  }

  step(`${CURRENT} installs over it and the build copies its new migration`, async () => {
    expectSuccess(await npm(['install', './plugins/s3', '--no-audit', '--no-fund']));
    expect(await installedVersion()).toBe(CURRENT);
    expectSuccess(await npm(['run', 'schema:build']));
    const copy = inScratch('prisma/migrations', ADD_STORAGE_CLASS, 'migration.sql');
    expect(await readFile(copy, 'utf8')).toBe(
      await readFile(
        inScratch('plugins/s3/migrations', ADD_STORAGE_CLASS, 'migration.sql'),
        'utf8',
      ),
    );
    expect(await readFile(inScratch('prisma/schema.prisma'), 'utf8')).toMatch(
      /storageClass +String +@default\("STANDARD"\) @map\("storage_class"\)/,
    );
  });

  for (const backend of backends) {
    step(
      `${CURRENT} on ${backend.name}: the new migration is applied, the old row reads back with the default, a new row stores the field`,
      async () => {
        const deployed = await backend.migrate?.();
        // Deploy lists what it applied: the new migration alone.
        if (deployed !== undefined)
          expect(deployed).toMatch(
            new RegExp(
              `have been applied:\\s+migrations/\\s+└─ ${ADD_STORAGE_CLASS}/\\s+└─ migration\\.sql\\s+All migrations`,
            ),
          );
        const running = await start(backend);
        expect(running.logs()).toContain(
          deployed === undefined
            ? `applied migration ${ADD_STORAGE_CLASS}`
            : 'Database schema is up to date',
        );
        expect(await ok(running, VERSION)).toMatchObject({
          plugins: expect.arrayContaining([{ name: S3_PLUGIN, version: CURRENT }]),
        });
        const { pluginForm } = await ok<{
          pluginForm: { elements: Array<{ name: string; initialValue: unknown }> };
        }>(running, STORAGE_CLASS_ELEMENT);
        expect(pluginForm.elements.map((element) => element.name)).toEqual([
          'bucket',
          'suffix',
          'path',
          'storageClass',
        ]);
        expect(pluginForm.elements[3]).toMatchObject({ type: 'select', initialValue: 'STANDARD' });

        const { createDataOutputConfiguration: added } = await ok<{
          createDataOutputConfiguration: Row;
        }>(running, create(FIELDS_1_1), {
          input: { s3: { bucket: 'curated', path: 'archive', storageClass: 'GLACIER_IR' } },
        });
        const { dataOutputConfigurations } = await ok<{
          dataOutputConfigurations: { nodes: Row[] };
        }>(running, list(FIELDS_1_1));
        const old = stored.get(backend.name);
        expect(dataOutputConfigurations.nodes).toEqual([
          {
            id: added.id,
            bucket: 'curated',
            suffix: '',
            path: 'archive',
            storageClass: 'GLACIER_IR',
          },
          { ...old, storageClass: 'STANDARD' },
        ]);
        await stop();
      },
    );
  }

  step('the migration recorded the plugin version that brought it, on both databases', async () => {
    const sql = `SELECT migration_name, plugin, plugin_version FROM plugin_migrations WHERE plugin = '${S3_PLUGIN}' ORDER BY migration_name`;
    const expected = [
      // 1.0.0's migration does not record itself: the service running 1.0.0 recorded it, with
      // the range of versions it can have come with.
      { migration_name: CREATE_TABLE, plugin: S3_PLUGIN, plugin_version: '<=1.0.0' },
      { migration_name: ADD_STORAGE_CLASS, plugin: S3_PLUGIN, plugin_version: '1.1.0' },
    ];
    expect(await postgres?.query(sql)).toEqual(expected);
    const embedded = await PGlite.create(inScratch('data/pglite'));
    try {
      expect((await embedded.query(sql)).rows).toEqual(expected);
    } finally {
      await embedded.close();
    }
  });

  step('1.0.0 put back and built', async () => {
    expectSuccess(await npm(['install', `./${RELEASE_1_0}`, '--no-audit', '--no-fund']));
    expect(await installedVersion()).toBe('1.0.0');
    expectSuccess(await npm(['run', 'schema:build']));
  });

  for (const backend of backends) {
    step(`1.0.0 does not start on ${backend.name}, which 1.1.0 migrated`, async () => {
      const failure = await start(backend).then(
        () => 'it started',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      expect(failure).toContain(
        `Start-up failed: Plugin ${S3_PLUGIN} 1.0.0 (package ${S3_PACKAGE}@1.0.0) is older than the database: ${S3_PLUGIN} 1.1.0 migrated it.`,
      );
      expect(failure).toContain(
        `The database applied a migration of ${S3_PLUGIN} that version 1.0.0 does not have: ${ADD_STORAGE_CLASS} (${S3_PLUGIN} 1.1.0, applied `,
      );
      expect(failure).toContain(
        `Fix: install ${S3_PLUGIN} 1.1.0 or later (\`npm install ${S3_PACKAGE}@1.1.0\`), run \`npm run schema:build\` and start again.`,
      );
    });
  }
});
