import { readFileSync } from 'node:fs';
import path from 'node:path';
import { definePlugin } from '@data-product-portal/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { type PluginLoadError, PluginLoadFailures } from '../../src/registry/errors.js';
import { loadRegistry } from '../../src/registry/registry.js';
import { examplePlugin } from '../fixtures/plugins/example/index.js';

const fixtures = 'test/fixtures/plugins';
const DEFAULTS = [
  'DatabricksDataOutput',
  'GlueDataOutput',
  'RedshiftDataOutput',
  'SnowflakeDataOutput',
];

async function loadError(enabledPlugins: string[]): Promise<PluginLoadError> {
  const error = await loadRegistry({ enabledPlugins }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluginLoadFailures);
  const { failures } = error as PluginLoadFailures;
  expect(failures).toHaveLength(1);
  return failures[0] as PluginLoadError;
}

describe('plugin registry', () => {
  it('loads the four internal plugins when ENABLED_PLUGINS is unset, listed by name', async () => {
    const logged: string[] = [];
    const registry = await loadRegistry({ log: (m) => logged.push(m) });
    expect(registry.names()).toEqual(DEFAULTS);
    expect(registry.get('GlueDataOutput')?.source).toBe('internal (plugins/glue)');
    expect(logged).toContain('Loaded plugin GlueDataOutput 1.0.0 from internal (plugins/glue)');
  });

  it('loads exactly the listed plugins, whatever their order', async () => {
    const registry = await loadRegistry({
      enabledPlugins: ['SnowflakeDataOutput', 'GlueDataOutput'],
    });
    expect(registry.names()).toEqual(['GlueDataOutput', 'SnowflakeDataOutput']);
    expect(registry.get('RedshiftDataOutput')).toBeUndefined();
  });

  it('loads a plugin from a module path with a named export', async () => {
    const entry = `./${fixtures}/example/index.ts#examplePlugin`;
    const registry = await loadRegistry({ enabledPlugins: ['GlueDataOutput', entry] });
    expect(registry.names()).toEqual(['ExampleDataOutput', 'GlueDataOutput']);
    expect(registry.get('ExampleDataOutput')).toMatchObject({
      source: entry,
      plugin: { version: '0.3.1' },
    });
  });

  it('maps every plugin to the migration folder that creates its table', async () => {
    const registry = await loadRegistry();
    const migrations = registry.migrations();
    expect(Object.keys(migrations)).toEqual(DEFAULTS);
    expect(path.relative(process.cwd(), migrations.GlueDataOutput ?? '')).toBe(
      'plugins/glue/migrations/20261126120300_glue_data_output',
    );
    for (const { plugin } of registry.list()) {
      const table = /@@map\("([^"]+)"\)/.exec(readFileSync(plugin.prismaFragment, 'utf8'))?.[1];
      const sql = readFileSync(path.join(migrations[plugin.name] ?? '', 'migration.sql'), 'utf8');
      expect(table, plugin.name).toBeDefined();
      expect(sql, plugin.name).toContain(`CREATE TABLE "${table}"`);
      // The copy in the project's history, which the service and Prisma's CLI apply, is the same file.
      expect(
        readFileSync(
          path.join(
            'prisma/migrations',
            path.basename(migrations[plugin.name] ?? ''),
            'migration.sql',
          ),
          'utf8',
        ),
      ).toBe(sql);
    }
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
      `Plugin NoSuchDataOutput: no internal plugin has this name (internal plugins: ${DEFAULTS.join(', ')}).`,
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
    const registry = await loadRegistry({ enabledPlugins: ['GlueDataOutput'] });
    const glue = registry.get('GlueDataOutput');
    const clash = definePlugin({
      ...examplePlugin,
      migration: path.join('elsewhere', path.basename(glue?.plugin.migration ?? '')),
    });
    expect(() => registry.register({ plugin: clash, source: 'test' })).toThrow(
      "Plugin test: its migration folder 20261126120300_glue_data_output has the name of plugin GlueDataOutput's (internal (plugins/glue)); " +
        'their copies in prisma/migrations would overwrite each other. Give the migration folder a timestamp and name of its own.',
    );
  });
});
