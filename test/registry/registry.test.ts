import { readFileSync } from 'node:fs';
import path from 'node:path';
import { definePlugin } from '@data-product-portal/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/paths.js';
import { type PluginLoadError, PluginLoadFailures } from '../../src/registry/errors.js';
import { loadInternalPlugins } from '../../src/registry/load-module.js';
import { type LoadOptions, loadRegistry } from '../../src/registry/registry.js';
import { examplePlugin } from '../fixtures/plugins/example/index.js';
import { type FixtureProject, fixtureProject } from '../support/fixture-project.js';
import { REFERENCE_PLUGINS } from '../support/plugin-set.js';

const fixtures = 'test/fixtures/plugins';
// A host without plugin packages, so only internal plugins and ENABLED_PLUGINS entries load.
let host: FixtureProject;
beforeAll(() => {
  host = fixtureProject({});
});
afterAll(() => host.remove());
const load = (options: LoadOptions = {}) => loadRegistry({ projectDir: host.dir, ...options });
const internalNames = async () =>
  (await loadInternalPlugins(paths.internalPlugins)).map((l) => l.plugin.name).sort();

async function loadError(enabledPlugins: string[]): Promise<PluginLoadError> {
  const error = await load({ enabledPlugins }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluginLoadFailures);
  const { failures } = error as PluginLoadFailures;
  expect(failures).toHaveLength(1);
  return failures[0] as PluginLoadError;
}

describe('plugin registry', () => {
  it('loads every internal plugin when ENABLED_PLUGINS is unset, listed by name', async () => {
    const logged: string[] = [];
    const registry = await load({ log: (m) => logged.push(m) });
    expect(registry.names()).toEqual(await internalNames());
    expect(registry.names()).toEqual(expect.arrayContaining(REFERENCE_PLUGINS));
    expect(registry.get('GlueDataOutput')?.source).toBe('internal (plugins/glue)');
    expect(logged).toContain('Loaded plugin GlueDataOutput 1.0.0 from internal (plugins/glue)');
  });

  it('loads exactly the listed plugins, whatever their order', async () => {
    const registry = await load({
      enabledPlugins: ['SnowflakeDataOutput', 'GlueDataOutput'],
    });
    expect(registry.names()).toEqual(['GlueDataOutput', 'SnowflakeDataOutput']);
    expect(registry.get('RedshiftDataOutput')).toBeUndefined();
  });

  it('loads a plugin from a module path with a named export', async () => {
    const entry = `./${fixtures}/example/index.ts#examplePlugin`;
    const registry = await load({ enabledPlugins: ['GlueDataOutput', entry] });
    expect(registry.names()).toEqual(['ExampleDataOutput', 'GlueDataOutput']);
    expect(registry.get('ExampleDataOutput')).toMatchObject({
      source: entry,
      plugin: { version: '0.3.1' },
    });
  });

  it('maps every plugin to its migration folders, in order, the first creating its table', async () => {
    const registry = await load({ enabledPlugins: REFERENCE_PLUGINS });
    const migrations = registry.migrations();
    expect(Object.keys(migrations)).toEqual(REFERENCE_PLUGINS);
    expect(migrations.GlueDataOutput?.map((dir) => path.relative(process.cwd(), dir))).toEqual([
      'plugins/glue/migrations/20261126120300_glue_data_output',
    ]);
    for (const { plugin } of registry.list()) {
      const table = /@@map\("([^"]+)"\)/.exec(readFileSync(plugin.prismaFragment, 'utf8'))?.[1];
      const [first = '', ...later] = migrations[plugin.name] ?? [];
      expect(table, plugin.name).toBeDefined();
      expect(readFileSync(path.join(first, 'migration.sql'), 'utf8'), plugin.name).toContain(
        `CREATE TABLE "${table}"`,
      );
      // The copies in the project's history, which the service and Prisma's CLI apply, are the same files.
      for (const dir of [first, ...later]) {
        const sql = readFileSync(path.join(dir, 'migration.sql'), 'utf8');
        const copy = path.join('prisma/migrations', path.basename(dir), 'migration.sql');
        expect(readFileSync(copy, 'utf8'), copy).toBe(sql);
      }
    }
  });

  it('lists the migrations of a plugin declaring a migrations folder in name order', async () => {
    const entry = './plugins/s3/src/index.ts';
    const registry = await load({ enabledPlugins: [entry] });
    expect(registry.migrations().S3DataOutput?.map((dir) => path.basename(dir))).toEqual([
      '20261126140000_s3_data_output',
      '20261127145943_s3_add_storage_class',
    ]);
  });

  it('refuses a duplicate name, naming both sources', async () => {
    const entry = `./${fixtures}/duplicate-glue.ts`;
    const error = await loadError(['GlueDataOutput', entry]);
    expect(error.culprit).toBe(entry);
    expect(error.message).toBe(
      `Plugin ${entry}: duplicates plugin name GlueDataOutput, already registered from internal (plugins/glue). Enable only one of them.`,
    );
  });

  it('refuses an unknown plugin name, listing the internal ones', async () => {
    const error = await loadError(['GlueDataOutput', 'NoSuchDataOutput']);
    expect(error.message).toBe(
      `Plugin NoSuchDataOutput: no internal plugin has this name (internal plugins: ${(await internalNames()).join(', ')}).`,
    );
  });

  it.each([
    ['./test/fixtures/plugins/missing.ts'],
    ['no-such-package-xyz'],
    ['@scope/no-such-plugin#thing'],
  ])('refuses a module entry that does not resolve: %s', async (entry) => {
    const error = await loadError([entry]);
    expect(error.culprit).toBe(entry);
    expect(error.reason).toMatch(
      /^cannot be resolved \(.+\)\. Check the name or path, or install the package\.$/s,
    );
  });

  it('refuses a module that throws while imported', async () => {
    const error = await loadError([`./${fixtures}/throws-on-import.ts`]);
    expect(error.reason).toBe('throws while being imported: boom at import time');
  });

  it('refuses an export that is not a plugin', async () => {
    const error = await loadError([`./${fixtures}/not-a-plugin.ts`]);
    expect(error.reason).toBe(
      'its export is not a valid plugin:\n- is not a plugin: create it with definePlugin() from the plugin SDK.',
    );
    const named = await loadError([`./${fixtures}/example/index.ts#notAPlugin`]);
    expect(named.reason).toContain('export `notAPlugin` is not a valid plugin');
    const missing = await loadError([`./${fixtures}/example/index.ts#nothing`]);
    expect(missing.reason).toBe('has no export `nothing` (exports: examplePlugin, notAPlugin).');
  });

  it('reports every problem of an invalid plugin at once', async () => {
    const error = await loadError([`./${fixtures}/invalid-plugin.ts`]);
    const problems = error.reason.split('\n- ').slice(1);
    expect(problems).toEqual([
      expect.stringMatching(/^name must be PascalCase/),
      'version must be a semver version such as 1.0.0',
      expect.stringMatching(/^platform\.key must be camelCase/),
      'prismaFragment file not found',
    ]);
  });

  it('refuses a plugin whose migration does not exist, naming the command that writes it', async () => {
    const error = await loadError([`./${fixtures}/no-migration.ts`]);
    expect(error.reason).toBe(
      'its migration test/fixtures/plugins/nowhere/migration.sql does not exist: run `npm run migration:create -- --plugin NoMigrationDataOutput`.',
    );
  });
});

describe('plugin registry: migration folders', () => {
  it("refuses a plugin whose migration folder has the name of another plugin's", async () => {
    const registry = await load({ enabledPlugins: ['GlueDataOutput'] });
    const glueFirst = registry.migrations().GlueDataOutput?.[0] ?? '';
    const clash = definePlugin({
      ...examplePlugin,
      migration: path.join('elsewhere', path.basename(glueFirst)),
    });
    expect(() => registry.register({ plugin: clash, source: 'test' })).toThrow(
      "Plugin test: its migration folder 20261126120300_glue_data_output has the name of plugin GlueDataOutput's (internal (plugins/glue)); " +
        'their copies in prisma/migrations would overwrite each other. Give the migration folder a timestamp and name of its own.',
    );
  });
});
