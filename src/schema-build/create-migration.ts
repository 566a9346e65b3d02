import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadDotEnv } from '../config.js';
import { diffDatamodels } from '../db/diff.js';
import { writeMigration } from '../db/migrations-dir.js';
import { displayPath, paths } from '../paths.js';
import { loadRegistry } from '../registry/registry.js';
import { fragmentsOf } from './fragments-of.js';
import { mergeSchema } from './merge.js';

// `npm run migration:create -- --plugin <Name>` writes the migration that creates a plugin's table
// into the folder the plugin declares; `-- --base <folder name>` writes the base migration. The SQL
// is Prisma's own (the wasm schema engine's diff), never written by hand. Existing files are kept.
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function write(dir: string, sql: string): void {
  const file = path.join(dir, 'migration.sql');
  if (existsSync(file) && readFileSync(file, 'utf8').trim() !== '') {
    throw new Error(`${displayPath(file)} exists; delete it first to write it again.`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, sql);
  console.log(`Wrote ${displayPath(file)}`);
}

try {
  loadDotEnv();
  const registry = await loadRegistry({ enabledPlugins: loadConfig().ENABLED_PLUGINS, allowMissingMigrations: true });
  const base = { file: paths.baseSchema, text: readFileSync(paths.baseSchema, 'utf8') };
  const baseOnly = mergeSchema(base, []);
  const pluginName = option('--plugin');
  const baseName = option('--base');
  if (pluginName) {
    const fragment = fragmentsOf(registry).find((f) => f.pluginName === pluginName);
    const plugin = registry.get(pluginName)?.plugin;
    if (!fragment || !plugin) throw new Error(`Plugin ${pluginName} is not enabled (enabled: ${registry.names().join(', ')}).`);
    write(plugin.migration, await diffDatamodels(baseOnly, mergeSchema(base, [fragment])));
  } else if (baseName) {
    const folder = await writeMigration(paths.migrations, baseName, await diffDatamodels(null, baseOnly));
    console.log(`Wrote ${displayPath(folder)} and the migration lock file`);
  } else {
    throw new Error('Usage: npm run migration:create -- --plugin <PluginName> | --base <timestamp>_<name>');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
