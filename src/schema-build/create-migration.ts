import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadDotEnv, pluginSelection } from '../config.js';
import { diffDatamodels } from '../db/diff.js';
import { createNextMigration } from '../db/next-migration.js';
import { displayPath, paths } from '../paths.js';
import { loadRegistry } from '../registry/registry.js';
import { buildState, staleFiles } from './build-state.js';
import { fragmentsOf } from './fragments-of.js';
import { mergeSchema } from './merge.js';

// `npm run migration:create -- <name>` writes the next migration of prisma/migrations: from what
// the whole history builds to prisma/schema.prisma. `-- --plugin <Name>` writes the migration
// that creates a plugin's table into the folder the plugin declares. The SQL is Prisma's own
// (the wasm schema engine's diff), never written by hand. Existing files are kept.
const USAGE = 'Usage: npm run migration:create -- <name> | --plugin <PluginName>';
const args = process.argv.slice(2);
const pluginName = args.includes('--plugin') ? args[args.indexOf('--plugin') + 1] : undefined;
const positional = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--plugin');
// e.g. the former `--base <folder>`, which the name mode replaces: refuse rather than misread it.
const unknownOptions = args.filter((arg) => arg.startsWith('--') && arg !== '--plugin');

function write(dir: string, sql: string): void {
  const file = path.join(dir, 'migration.sql');
  if (existsSync(file) && readFileSync(file, 'utf8').trim() !== '') {
    throw new Error(`${displayPath(file)} exists; delete it first to write it again.`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, sql);
  console.log(`Wrote ${displayPath(file)}`);
}

async function createPluginMigration(name: string): Promise<void> {
  const registry = await loadRegistry({
    ...pluginSelection(loadConfig()),
    allowMissingMigrations: true,
  });
  const base = { file: paths.baseSchema, text: readFileSync(paths.baseSchema, 'utf8') };
  const fragment = fragmentsOf(registry).find((f) => f.pluginName === name);
  const plugin = registry.get(name)?.plugin;
  if (!fragment || !plugin)
    throw new Error(`Plugin ${name} is not enabled (enabled: ${registry.names().join(', ')}).`);
  write(
    plugin.migration,
    await diffDatamodels(mergeSchema(base, []), mergeSchema(base, [fragment])),
  );
}

async function createNext(name: string): Promise<void> {
  // A stale schema or a missing plugin migration copy would put the wrong change in the migration.
  const stale = staleFiles(buildState(await loadRegistry({ ...pluginSelection(loadConfig()) })));
  if (stale.length > 0) {
    throw new Error(
      `Stale generated files: run \`npm run schema:build\` first, then this again.\n- ${stale.join('\n- ')}`,
    );
  }
  const schema = readFileSync(paths.mergedSchema, 'utf8');
  const next = await createNextMigration({ migrationsDir: paths.migrations, schema, name });
  const history = `the ${next.historyLength} migration(s) in ${displayPath(paths.migrations)}`;
  if (next.folder === undefined) {
    console.log(
      `No change: ${history} already produce ${displayPath(paths.mergedSchema)}; nothing written.`,
    );
    return;
  }
  console.log(
    `Wrote ${displayPath(path.join(next.folder, 'migration.sql'))}, from ${history} to ${displayPath(paths.mergedSchema)}:\n`,
  );
  console.log(next.script.trim());
  console.log('\nReview it (dropped columns and tables lose their data), then commit it.');
}

try {
  loadDotEnv();
  if (unknownOptions.length > 0)
    throw new Error(`Unknown option ${unknownOptions.join(', ')}. ${USAGE}`);
  if (pluginName && positional.length === 0) await createPluginMigration(pluginName);
  else if (!pluginName && positional.length === 1 && positional[0]) await createNext(positional[0]);
  else throw new Error(USAGE);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
