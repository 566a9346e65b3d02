import { readFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath, paths } from '../../src/paths.js';
import { CommandFailure, loadToolRegistry } from '../command.js';
import { buildState, staleFiles } from '../schema-build/build-state.js';
import { createNextMigration } from './next-migration.js';
import { createPluginMigration } from './plugin-migration.js';

const USAGE = 'Usage: npm run migration:create -- <name> | --plugin <PluginName> [<change>]';

async function createNext(name: string): Promise<void> {
  // A stale schema or a missing plugin migration copy would put the wrong change in the migration.
  const stale = staleFiles(buildState(await loadToolRegistry()));
  if (stale.length > 0) {
    throw new CommandFailure(
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

/**
 * `npm run migration:create -- <name>` writes the next migration of prisma/migrations: from what
 * the whole history builds to prisma/schema.prisma. `-- --plugin <Name> [<change>]` writes a
 * plugin's next migration into the folder the plugin declares (see `createPluginMigration`). The
 * SQL is Prisma's own (the wasm schema engine's diff), never written by hand. Existing files are
 * kept.
 */
export async function migrationCreate(args: readonly string[]): Promise<undefined> {
  const pluginName = args.includes('--plugin') ? args[args.indexOf('--plugin') + 1] : undefined;
  const positional = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--plugin');
  // e.g. the former `--base <folder>`, which the name mode replaces: refuse rather than misread it.
  const unknownOptions = args.filter((arg) => arg.startsWith('--') && arg !== '--plugin');
  if (unknownOptions.length > 0) {
    throw new CommandFailure(`Unknown option ${unknownOptions.join(', ')}. ${USAGE}`);
  }
  if (pluginName && positional.length <= 1) await createPluginMigration(pluginName, positional[0]);
  else if (!pluginName && positional.length === 1 && positional[0]) await createNext(positional[0]);
  else throw new CommandFailure(USAGE);
}
