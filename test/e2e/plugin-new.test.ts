import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { expectSuccess, jsonAfterHeader, ok, sequentialSteps } from '../support/e2e.js';
import { REFERENCE_PLUGINS } from '../support/plugin-set.js';
import {
  commandEnv,
  copyProject,
  describeRun,
  makeScratchFolder,
  type RunningService,
  runCommand,
  startServiceProcess,
} from '../support/scratch-project.js';

// `npm run plugin:new` in a copy of the project, for an internal plugin and for a plugin package:
// straight after it (and, for the package, `npm install`), the schema builds, the tests pass and
// the service serves both forms and stores configurations of both. Then the internal one is left
// out and retired.

// Names no plugin of the copied checkout has: it may hold plugins written with plugin:new before.
const INTERNAL = { name: 'ScaffoldedInternalDataOutput', key: 'scaffoldedInternal' };
const INTERNAL_DIR = `plugins/${INTERNAL.key}`;
const INTERNAL_TABLE = 'scaffolded_internal_data_outputs';
const PACKAGE = {
  name: 'ScaffoldedPackageDataOutput',
  key: 'scaffoldedPackage',
  packageName: '@acme/portal-plugin-scaffolded',
};
const PACKAGE_DIR = `plugins/${PACKAGE.key}`;
// The tests a new plugin concerns: its own, the loading and schema build of every plugin, and the
// suites that run over every loaded plugin (the plugin list, introspection, the form schemas in the
// renderers' validators). The rest of the suite, the other plugins' own tests included, does not
// depend on which plugins are present; the whole suite runs on this checkout anyway.
const TESTS = [
  INTERNAL_DIR,
  PACKAGE_DIR,
  'test/registry',
  'test/schema-build',
  'test/http/plugins.test.ts',
  'test/http/introspection.test.ts',
  'test/forms/renderers.test.ts',
];

const FORM = `query($name: String!) { pluginForm(name: $name) { name notConfigured elements { name type required } } }`;
const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { configured } }';
const CREATE = `mutation($input: DataOutputConfigurationInput!) {
  createDataOutputConfiguration(input: $input) {
    plugin
    ... on ${INTERNAL.name} { location path }
    ... on ${PACKAGE.name} { location path }
  }
}`;

describe('plugin:new in a copy of the project', { timeout: 600_000 }, () => {
  let scratch = '';
  let service: RunningService | undefined;
  const inScratch = (...parts: string[]) => path.join(scratch, ...parts);
  const npm = (args: string[], env: Record<string, string> = {}) =>
    runCommand('npm', args, { cwd: scratch, env: commandEnv(env), timeoutMs: 600_000 });
  const step = sequentialSteps();

  beforeAll(async () => {
    scratch = await makeScratchFolder('plugin-new-');
    await copyProject(projectRoot, scratch);
    expectSuccess(await npm(['run', 'build:sdk']));
  }, 600_000);

  afterAll(async () => {
    await service?.stop();
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  }, 120_000);

  step(
    'writes an internal plugin: definition, fragment, engine-written migration, README, test',
    async () => {
      const run = await npm(['run', 'plugin:new', '--', INTERNAL.name, '--platform', INTERNAL.key]);
      expectSuccess(run);
      const [migration] = await readdir(inScratch(INTERNAL_DIR, 'migrations'));
      expect(migration).toMatch(/^\d{14}_scaffolded_internal_data_output$/);
      expect(run.stdout).toContain(
        `Wrote ${INTERNAL_DIR}/: index.ts, model.prisma, migrations/${migration}/migration.sql, README.md, test/${INTERNAL.key}-plugin.test.ts.`,
      );
      const sql = await readFile(
        inScratch(INTERNAL_DIR, 'migrations', migration ?? '', 'migration.sql'),
        'utf8',
      );
      expect(sql).toContain(`CREATE TABLE "${INTERNAL_TABLE}"`);
      expect(sql).toContain(`VALUES ('${migration}', '${INTERNAL.name}', '1.0.0')`);
    },
  );

  step('refuses a taken platform key or name, and a name that is not PascalCase', async () => {
    const taken = await npm(['run', 'plugin:new', '--', 'GlueDataOutput', '--platform', 'glue2']);
    expect(taken.code, describeRun(taken)).toBe(1);
    expect(taken.stderr).toContain(
      'Plugin GlueDataOutput (platform key glue, internal (plugins/glue)) has this name or platform key: choose others.',
    );
    const exists = await npm([
      'run',
      'plugin:new',
      '--',
      'OtherDataOutput',
      '--platform',
      INTERNAL.key,
    ]);
    expect(exists.stderr).toContain(`${INTERNAL_DIR} exists already: choose another platform key.`);
    const badName = await npm(['run', 'plugin:new', '--', 'other', '--platform', 'other']);
    expect(badName.stderr).toContain(
      '<PluginName> other must be PascalCase letters and digits (it names a GraphQL type and a Prisma model)',
    );
    expect(existsSync(inScratch('plugins/other'))).toBe(false);
  });

  step('writes a plugin package with its build, which npm installs and builds', async () => {
    const run = await npm([
      'run',
      'plugin:new',
      '--',
      PACKAGE.name,
      '--platform',
      PACKAGE.key,
      '--package',
      PACKAGE.packageName,
    ]);
    expectSuccess(run);
    for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src/index.ts'])
      expect(existsSync(inScratch(PACKAGE_DIR, file)), file).toBe(true);
    expectSuccess(await npm(['install', `./${PACKAGE_DIR}`, '--no-audit', '--no-fund']));
    expect(existsSync(inScratch(PACKAGE_DIR, 'dist/index.js'))).toBe(true);
  });

  step('schema:build takes both in; the tests, the lint and migration:check pass', async () => {
    const build = await npm(['run', 'schema:build']);
    expectSuccess(build);
    const loaded = /Plugins: (.*)/.exec(build.stdout)?.[1]?.split(', ');
    expect(loaded).toEqual(
      expect.arrayContaining([...REFERENCE_PLUGINS, INTERNAL.name, PACKAGE.name]),
    );
    const tests = await npm(['test', '--', ...TESTS]);
    expect(tests.code, describeRun(tests)).toBe(0);
    expect(tests.stdout).toContain(`${INTERNAL_DIR}/test/${INTERNAL.key}-plugin.test.ts`);
    expect(tests.stdout).toContain(`${PACKAGE_DIR}/test/${PACKAGE.key}-plugin.test.ts`);
    expectSuccess(await npm(['run', 'lint']));
    expectSuccess(await npm(['run', 'migration:check']));
  });

  step('the service serves both forms and stores a configuration of each', async () => {
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PGLITE_DIR: inScratch('data/pglite'),
    };
    service = await startServiceProcess(scratch, commandEnv(env), 180_000);
    for (const plugin of [INTERNAL, PACKAGE]) {
      const { pluginForm } = await ok<{ pluginForm: Record<string, unknown> }>(service, FORM, {
        name: plugin.name,
      });
      expect(pluginForm).toEqual({
        name: plugin.name,
        notConfigured: true,
        elements: [
          { name: 'location', type: 'select', required: true },
          { name: 'path', type: 'string', required: true },
        ],
      });
      await ok(service, CONFIGURE, { input: { [plugin.key]: { locations: ['main'] } } });
      const created = await ok(service, CREATE, {
        input: { [plugin.key]: { location: 'main', path: 'sales/orders' } },
      });
      expect(created).toEqual({
        createDataOutputConfiguration: {
          plugin: plugin.name,
          location: 'main',
          path: 'sales/orders',
        },
      });
    }
    const code = await service.stop();
    service = undefined;
    expect(code).toBe(0);
  });

  step(
    'left out of ENABLED_PLUGINS, the internal plugin is retired from its fragment; migration:check then passes',
    async () => {
      // Every other internal plugin stays; packages load whatever ENABLED_PLUGINS says.
      const inspect = await npm(['run', 'plugins:inspect', '--', '--json']);
      const { plugins } = jsonAfterHeader<{ plugins: Array<{ name: string; source: string }> }>(
        inspect,
      );
      const others = plugins
        .filter((p) => p.source.startsWith('internal (') && p.name !== INTERNAL.name)
        .map((p) => p.name);
      const without = { ENABLED_PLUGINS: others.join(',') };
      expectSuccess(await npm(['run', 'schema:build'], without));
      const drift = await npm(['run', 'migration:check'], without);
      expect(drift.code, describeRun(drift)).toBe(1);
      const pglite = inScratch('data/pglite');
      const run = await npm(['run', 'plugins:retire', '--', INTERNAL.name, '--yes'], {
        ...without,
        PGLITE_DIR: pglite,
      });
      expectSuccess(run);
      expect(run.stdout).toContain(
        `Retiring ${INTERNAL.name} (table ${INTERNAL_TABLE}, known from its Prisma fragment ${INTERNAL_DIR}/model.prisma (internal (${INTERNAL_DIR}))) deletes its configurations and drops its table.`,
      );
      expect(run.stdout).toContain(
        `In embedded PGlite in ${pglite}: 1 configuration(s) of ${INTERNAL.name} and 1 row(s) of ${INTERNAL_TABLE} go when the migration is applied.`,
      );
      expectSuccess(await npm(['run', 'migration:check'], without));
    },
  );
});
