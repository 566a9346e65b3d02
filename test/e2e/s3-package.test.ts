import { existsSync } from 'node:fs';
import { readdir, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { launchChromium } from '../support/browser.js';
import { expectSuccess, graphql, jsonAfterHeader, ok, sequentialSteps } from '../support/e2e.js';
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

// What an operator does with the S3 plugin package, on a copy of the project: install it with npm,
// build, inspect, migrate PostgreSQL with the Prisma CLI, run the service and use the plugin;
// then uninstall it, build and run again. Its table and rows must survive the uninstall, until the
// operator retires the plugin: then they go, and migration:check passes without the package.

const S3_PACKAGE = '@data-product-portal/plugin-s3';
const S3_PLUGIN = 'S3DataOutput';
const S3_VERSION = '1.2.0';
const S3_SOURCE = `package ${S3_PACKAGE}@${S3_VERSION}`;
const S3_MIGRATIONS = ['20261126140000_s3_data_output', '20261127145943_s3_add_storage_class'];

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

const dependenciesOf = async (dir: string) =>
  (await readJson<{ dependencies?: Record<string, string> }>(path.join(dir, 'package.json')))
    .dependencies ?? {};

async function migrationFolders(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, 'prisma/migrations'), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

interface PluginRow {
  name: string;
  version: string;
  source: string;
  parentPlatform: string | null;
  package: { name: string; version: string; contractRange: string } | null;
}

const PLUGINS =
  '{ plugins { name version source parentPlatform package { name version contractRange } } }';
const FORM = `query($name: String!) {
  pluginForm(name: $name) {
    name notConfigured
    elements { name type required hidden initialValue useNamespaceWhenNotSourceAligned options { label value } }
  }
}`;
const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { platform plugin configured settings { name options } } }';
const S3_FIELDS = 'id plugin platform ... on S3DataOutput { bucket suffix path storageClass }';
const CREATE = `mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { ${S3_FIELDS} } }`;
const LIST = `query($plugin: String) { dataOutputConfigurations(plugin: $plugin) { totalCount nodes { ${S3_FIELDS} } } }`;

interface FormAnswer {
  pluginForm: {
    name: string;
    notConfigured: boolean;
    elements: Array<Record<string, unknown> & { name: string; options: unknown[] }>;
  };
}

interface ListAnswer {
  dataOutputConfigurations: { totalCount: number; nodes: Array<Record<string, unknown>> };
}

const listS3 = (service: RunningService) => ok<ListAnswer>(service, LIST, { plugin: S3_PLUGIN });

async function expectS3Listed(service: RunningService): Promise<string[]> {
  const { plugins } = await ok<{ plugins: PluginRow[] }>(service, PLUGINS);
  expect(plugins.find((plugin) => plugin.name === S3_PLUGIN)).toEqual({
    name: S3_PLUGIN,
    version: S3_VERSION,
    source: S3_SOURCE,
    parentPlatform: 'aws',
    package: { name: S3_PACKAGE, version: S3_VERSION, contractRange: '^1.4.0' },
  });
  return plugins.map((plugin) => plugin.name);
}

async function expectS3Form(service: RunningService): Promise<void> {
  const { pluginForm } = await ok<FormAnswer>(service, FORM, { name: S3_PLUGIN });
  expect(pluginForm.notConfigured).toBe(true);
  expect(pluginForm.elements).toMatchObject([
    { name: 'bucket', type: 'select', required: true, hidden: false, options: [] },
    {
      name: 'suffix',
      type: 'string',
      hidden: true,
      initialValue: '',
      useNamespaceWhenNotSourceAligned: true,
    },
    { name: 'path', type: 'string', required: true, hidden: false },
    { name: 'storageClass', type: 'select', required: true, initialValue: 'STANDARD' },
  ]);
}

async function configureBuckets(service: RunningService, buckets: string[]): Promise<void> {
  const stored = await ok(service, CONFIGURE, { input: { s3: { buckets } } });
  expect(stored).toEqual({
    configurePlatform: {
      platform: 's3',
      plugin: S3_PLUGIN,
      configured: true,
      settings: [{ name: 'buckets', options: buckets }],
    },
  });
  // The form offers the buckets at once.
  const { pluginForm } = await ok<FormAnswer>(service, FORM, { name: S3_PLUGIN });
  expect(pluginForm.notConfigured).toBe(false);
  expect(pluginForm.elements[0]?.options).toEqual(
    buckets.map((bucket) => ({ label: bucket, value: bucket })),
  );
}

async function expectRefused(
  service: RunningService,
  input: Record<string, unknown>,
): Promise<Array<{ path: unknown[]; message: string }>> {
  const answer = await graphql(service, CREATE, { input: { s3: input } });
  expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer)).toBe('BAD_USER_INPUT');
  return answer.errors?.[0]?.extensions?.issues ?? [];
}

async function expectInvalidCreatesRefused(service: RunningService): Promise<void> {
  // Refused while the variables are read: `path` is a required input field.
  const missingPath = await expectRefused(service, { bucket: 'archive' });
  expect(missingPath).toEqual([
    {
      path: ['input', 's3', 'path'],
      field: ['path'],
      message: expect.stringContaining('"path"'),
    },
  ]);
  // Refused by the plugin's own validation, every problem at once.
  const unconfigured = await expectRefused(service, { bucket: 'archive', path: '' });
  expect(unconfigured).toEqual(
    expect.arrayContaining([
      { path: ['input', 's3', 'path'], field: ['path'], message: 'Must not be empty' },
      {
        path: ['input', 's3', 'bucket'],
        field: ['bucket'],
        message: expect.stringContaining('"archive" is not one of the configured buckets'),
      },
    ]),
  );
  expect((await listS3(service)).dataOutputConfigurations.totalCount).toBe(0);
}

async function createAndList(service: RunningService): Promise<void> {
  const created = await ok<{ createDataOutputConfiguration: Record<string, unknown> }>(
    service,
    CREATE,
    {
      input: { s3: { bucket: 'raw', path: 'sales/orders' } },
    },
  );
  const expected = {
    plugin: S3_PLUGIN,
    platform: 's3',
    bucket: 'raw',
    suffix: '',
    path: 'sales/orders',
    storageClass: 'STANDARD',
  };
  expect(created.createDataOutputConfiguration).toMatchObject(expected);
  const { dataOutputConfigurations } = await listS3(service);
  expect(dataOutputConfigurations).toEqual({
    totalCount: 1,
    nodes: [{ id: created.createDataOutputConfiguration.id, ...expected }],
  });
}

/**
 * A person at /forms: the S3 tile under AWS, its form drawn from the API with the configured
 * buckets and no suffix box (hidden), saved and listed.
 */
async function expectS3OnPreviewPage(service: RunningService): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(service.url.replace(/\/graphql$/, '/forms'));
    await page.getByRole('region', { name: 'AWS' }).getByRole('button', { name: 'S3' }).click();
    const form = page.getByRole('region', { name: 'Form' });
    const bucket = form.getByLabel(/^Bucket\*?$/);
    await bucket.waitFor();
    expect(await bucket.locator('option').allInnerTexts()).toEqual(['', 'raw', 'curated']);
    expect(await form.getByLabel(/^Suffix/).count()).toBe(0);
    await bucket.selectOption({ label: 'curated' });
    await form.getByLabel(/^Path\*?$/).fill('from/the/page');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved /).waitFor();
    await page.getByRole('cell', { name: 'from/the/page', exact: true }).waitFor();
    // Its resulting path, rendered by the package's template (an empty suffix leaves no segment).
    await page.getByRole('cell', { name: 'curated/from/the/page', exact: true }).waitFor();
  } finally {
    await browser.close();
  }
  const { dataOutputConfigurations } = await listS3(service);
  expect(dataOutputConfigurations.nodes).toContainEqual(
    expect.objectContaining({ plugin: S3_PLUGIN, bucket: 'curated', path: 'from/the/page' }),
  );
}

/** Reads the embedded database the service left behind, without the service; null: no S3 table. */
async function storedS3Rows(pgliteDir: string): Promise<{ plugin: number | null; base: number }> {
  const db = await PGlite.create(pgliteDir);
  try {
    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]?.n;
    const table = await db.query("SELECT to_regclass('s3_data_outputs') IS NOT NULL AS present");
    return {
      plugin: (table.rows[0] as { present: boolean }).present
        ? ((await count('SELECT count(*)::int AS n FROM s3_data_outputs')) ?? -1)
        : null,
      base:
        (await count(
          `SELECT count(*)::int AS n FROM data_output_configurations WHERE plugin = '${S3_PLUGIN}'`,
        )) ?? -1,
    };
  } finally {
    await db.close();
  }
}

// Copying node_modules, npm, the schema build and two service start-ups each take seconds to
// minutes on a busy 2-core machine.
describe(`the ${S3_PACKAGE} package installed into, and removed from, a copy of the project`, {
  timeout: 300_000,
}, () => {
  let scratch = '';
  let service: RunningService | undefined;
  const databases: ScratchDatabase[] = [];
  // The real project must look the same afterwards.
  let realDependencies: Record<string, string> = {};
  let realS3Installed = false;

  const inScratch = (...parts: string[]) => path.join(scratch, ...parts);
  const pgliteDir = () => inScratch('data/pglite');
  const npm = (args: string[], env: Record<string, string> = {}) =>
    runCommand('npm', args, { cwd: scratch, env: commandEnv(env), timeoutMs: 240_000 });
  const start = async () => {
    // A step that failed half-way leaves its service running, on the same PGlite folder.
    await service?.stop();
    service = await startServiceProcess(
      scratch,
      commandEnv({ PORT: '0', HOST: '127.0.0.1', PGLITE_DIR: pgliteDir(), LOG_LEVEL: 'info' }),
      180_000,
    );
    return service;
  };
  const stop = async () => {
    const code = await service?.stop();
    const logs = service?.logs();
    service = undefined;
    expect(code, `the service did not exit cleanly on SIGTERM\n--- output\n${logs}`).toBe(0);
  };

  // Each step builds on the ones before it.
  const step = sequentialSteps();

  beforeAll(async () => {
    realDependencies = await dependenciesOf(projectRoot);
    realS3Installed = existsSync(path.join(projectRoot, 'node_modules', S3_PACKAGE));
    scratch = await makeScratchFolder('s3-package-');
    await copyProject(projectRoot, scratch);
    // As `npm install` leaves a clone: the SDK built (ignored output is not copied).
    expectSuccess(await npm(['run', 'build:sdk']));
  }, 600_000);

  afterAll(async () => {
    await service?.stop();
    for (const db of databases.splice(0)) await db.drop();
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  }, 120_000);

  step('the copy has its own node_modules, without the S3 package', async () => {
    expect(await realpath(inScratch('node_modules/@data-product-portal/plugin-sdk'))).toBe(
      inScratch('sdk'),
    );
    expect(
      existsSync(inScratch('node_modules', S3_PACKAGE)),
      'the project must start without the S3 package installed',
    ).toBe(false);
    expect(await dependenciesOf(scratch)).not.toHaveProperty([S3_PACKAGE]);
  });

  step('npm install ./plugins/s3 links the package and adds it to package.json', async () => {
    expectSuccess(await npm(['install', './plugins/s3', '--no-audit', '--no-fund']));
    expect(await dependenciesOf(scratch)).toHaveProperty([S3_PACKAGE], 'file:plugins/s3');
    expect(await realpath(inScratch('node_modules', S3_PACKAGE))).toBe(inScratch('plugins/s3'));
  });

  step('schema:build merges the S3 model and copies its migrations', async () => {
    expectSuccess(await npm(['run', 'schema:build']));
    expect(await readFile(inScratch('prisma/schema.prisma'), 'utf8')).toContain(
      'model S3DataOutput {',
    );
    for (const migration of S3_MIGRATIONS) {
      const copy = inScratch('prisma/migrations', migration, 'migration.sql');
      expect(existsSync(copy), `${copy} is missing`).toBe(true);
      expect(await readFile(copy, 'utf8')).toBe(
        await readFile(inScratch('plugins/s3/migrations', migration, 'migration.sql'), 'utf8'),
      );
    }
  });

  step('plugins:inspect lists S3DataOutput from the package, nothing broken', async () => {
    const run = await npm(['run', 'plugins:inspect', '--', '--json']);
    expectSuccess(run);
    const report = jsonAfterHeader<{ plugins: Array<Record<string, unknown>>; broken: unknown[] }>(
      run,
    );
    expect(report.broken).toEqual([]);
    expect(report.plugins.find((plugin) => plugin.name === S3_PLUGIN)).toEqual({
      name: S3_PLUGIN,
      version: S3_VERSION,
      source: S3_SOURCE,
      contractRange: '^1.4.0',
      migrations: S3_MIGRATIONS.map((name) =>
        expect.stringMatching(new RegExp(`(^|/)migrations/${name}$`)),
      ),
    });
  });

  step('prisma migrate deploy applies the S3 migrations to PostgreSQL', async () => {
    const db = await createScratchDatabase('s3_package');
    databases.push(db);
    const expected = await migrationFolders(scratch);
    expect(expected).toEqual(expect.arrayContaining(S3_MIGRATIONS));

    const run = await npm(['run', 'prisma', '--', 'migrate', 'deploy'], { DATABASE_URL: db.url });
    expectSuccess(run);
    expect(run.stdout, describeRun(run)).toContain(
      `${expected.length} migrations found in prisma/migrations`,
    );
    expect(run.stdout, describeRun(run)).toContain(
      'All migrations have been successfully applied.',
    );
    const applied = await db.query(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    expect(applied.map((row) => row.migration_name)).toEqual(expected);
    expect(await db.query("SELECT to_regclass('public.s3_data_outputs')::text AS t")).toEqual([
      { t: 's3_data_outputs' },
    ]);
  });

  let namesWithS3: string[] = [];

  step(
    'the service loads S3DataOutput from the package, serves its form and stores a configuration',
    async () => {
      // The form preview page, as `npm run build` (or `npm install`) would have built it.
      expectSuccess(await npm(['run', 'build:forms']));
      const running = await start();
      const logs = running.logs();
      expect(logs).toContain(`Discovered plugin ${S3_SOURCE} in node_modules/${S3_PACKAGE}`);
      expect(logs).toContain(`Loaded plugin ${S3_PLUGIN} ${S3_VERSION} from ${S3_SOURCE}`);
      for (const migration of S3_MIGRATIONS)
        expect(logs).toContain(`applied migration ${migration}`);

      namesWithS3 = await expectS3Listed(running);
      await expectS3Form(running);
      await configureBuckets(running, ['raw', 'curated']);
      await expectInvalidCreatesRefused(running);
      await createAndList(running);
      await expectS3OnPreviewPage(running);
      await stop();
    },
  );

  step('npm uninstall and schema:build drop the S3 model but keep its migrations', async () => {
    expectSuccess(await npm(['uninstall', S3_PACKAGE, '--no-audit', '--no-fund']));
    expect(await dependenciesOf(scratch)).not.toHaveProperty([S3_PACKAGE]);
    expect(existsSync(inScratch('node_modules', S3_PACKAGE))).toBe(false);
    // npm removes the link only, never the linked folder.
    expect(existsSync(inScratch('plugins/s3/package.json'))).toBe(true);

    expectSuccess(await npm(['run', 'schema:build']));
    expect(await readFile(inScratch('prisma/schema.prisma'), 'utf8')).not.toContain('S3DataOutput');
    // Its table holds data, so its migrations stay in the history.
    for (const migration of S3_MIGRATIONS)
      expect(existsSync(inScratch('prisma/migrations', migration, 'migration.sql'))).toBe(true);
  });

  step('the service runs without S3DataOutput and leaves its rows alone', async () => {
    const running = await start();
    expect(running.logs()).not.toContain(S3_PACKAGE);
    expect(running.logs()).not.toContain('applied migration');

    const { plugins } = await ok<{ plugins: PluginRow[] }>(running, PLUGINS);
    expect(plugins.map((plugin) => plugin.name)).toEqual(
      namesWithS3.filter((name) => name !== S3_PLUGIN),
    );
    const form = await graphql(running, FORM, { name: S3_PLUGIN });
    expect(form.errors?.[0]?.extensions?.code, JSON.stringify(form)).toBe('PLUGIN_NOT_FOUND');
    await stop();

    // One stored through the API, one through the preview page.
    expect(await storedS3Rows(pgliteDir())).toEqual({ plugin: 2, base: 2 });
  });

  step('migration:check names the S3 table the history still creates', async () => {
    const run = await npm(['run', 'migration:check']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toContain('DROP TABLE "s3_data_outputs";');
  });

  // The retire command as a terminal user meets it, with a stand-in terminal: run from a script
  // in the copy, as the command's function.
  const retireOnTerminal = (answer: string) =>
    runCommand(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { PassThrough } from 'node:stream';
         import { pluginsRetire } from './tools/plugins/retire.ts';
         const input = Object.assign(new PassThrough(), { isTTY: true });
         input.end(${JSON.stringify(`${answer}\n`)});
         process.exitCode = await pluginsRetire(['${S3_PLUGIN}'], { input, output: process.stdout });`,
      ],
      { cwd: scratch, env: commandEnv({ PGLITE_DIR: pgliteDir() }), timeoutMs: 240_000 },
    );
  const retireMigrations = async () =>
    (await migrationFolders(scratch)).filter((name) => name.endsWith('_retire_s3_data_output'));

  step('plugins:retire prints what goes, and writes nothing unless confirmed', async () => {
    const script = await npm(['run', 'plugins:retire', '--', S3_PLUGIN], {
      PGLITE_DIR: pgliteDir(),
    });
    expect(script.code, describeRun(script)).toBe(1);
    expect(script.stdout).toContain(
      `In embedded PGlite in ${pgliteDir()}: 2 configuration(s) of ${S3_PLUGIN} and 2 row(s) of s3_data_outputs go when the migration is applied.`,
    );
    expect(script.stderr).toContain(
      'No terminal to confirm on: run it again with --yes to write the migration. Nothing was written.',
    );
    const declined = await retireOnTerminal('n');
    expect(declined.code, describeRun(declined)).toBe(1);
    expect(declined.stdout).toContain('Write this migration? [y/N] Nothing written.');
    expect(await retireMigrations()).toEqual([]);
  });

  step('plugins:retire writes the migration once confirmed, or with --yes', async () => {
    const confirmed = await retireOnTerminal('y');
    expect(confirmed.code, describeRun(confirmed)).toBe(0);
    const [byTerminal] = await retireMigrations();
    expect(byTerminal).toBeDefined();
    await rm(inScratch('prisma/migrations', byTerminal ?? ''), { recursive: true });

    const run = await npm(['run', 'plugins:retire', '--', S3_PLUGIN, '--yes'], {
      PGLITE_DIR: pgliteDir(),
    });
    expectSuccess(run);
    const [folder] = await retireMigrations();
    const sql = await readFile(
      inScratch('prisma/migrations', folder ?? '', 'migration.sql'),
      'utf8',
    );
    expect(sql).toContain(
      `DELETE FROM "data_output_configurations" WHERE "plugin" = '${S3_PLUGIN}';`,
    );
    expect(sql).toContain('DROP TABLE "s3_data_outputs";');
    expect(sql).toContain(`DELETE FROM "plugin_migrations" WHERE "plugin" = '${S3_PLUGIN}';`);
    expect(run.stdout).toContain(`Wrote prisma/migrations/${folder}/migration.sql.`);
  });

  step('afterwards migration:check passes without the package', async () => {
    const run = await npm(['run', 'migration:check']);
    expectSuccess(run);
    expect(run.stdout).toContain('No migration drift');
  });

  step('the service applies the retirement: the S3 rows and table are gone', async () => {
    const running = await start();
    const [folder] = await retireMigrations();
    expect(running.logs()).toContain(`applied migration ${folder}`);
    const { plugins } = await ok<{ plugins: PluginRow[] }>(running, PLUGINS);
    expect(plugins.map((plugin) => plugin.name)).not.toContain(S3_PLUGIN);
    await stop();
    expect(await storedS3Rows(pgliteDir())).toEqual({ plugin: null, base: 0 });
  });

  it('left the real project alone', async () => {
    expect(await dependenciesOf(projectRoot)).toEqual(realDependencies);
    expect(existsSync(path.join(projectRoot, 'node_modules', S3_PACKAGE))).toBe(realS3Installed);
  });
});
