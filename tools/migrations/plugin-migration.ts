import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type DataOutputPlugin,
  MIGRATION_SQL,
  pluginMigrations,
} from '@data-product-portal/plugin-sdk';
import type { PGlite } from '@electric-sql/pglite';
import semver from 'semver';
import { displayPath, paths } from '../../src/paths.js';
import { CommandFailure, loadToolRegistry } from '../command.js';
import { readBaseSchema } from '../schema-build/check-fragments.js';
import { fragmentOf } from '../schema-build/fragments-of.js';
import { mergeSchema } from '../schema-build/merge.js';
import { diffDatamodels } from './diff.js';
import { createEmptyPglite } from './empty-pglite.js';
import { diffHistoryToDatamodel } from './history-diff.js';
import { nextMigrationFolderName } from './next-migration.js';
import { migrationSlug, pluginHistory } from './plugin-history.js';
import { recordMigrationStatement } from './record-migration.js';

/** What `createPluginMigration` did. */
export interface PluginMigrationResult {
  /** The `migration.sql` written; undefined when there was no change. */
  file?: string;
  /** The SQL written (Prisma's, then the record of the plugin version). */
  script: string;
}

interface Recorded {
  migration_name: string;
  plugin_version: string;
}

/** The plugin versions its migrations recorded, read from the database the history built. */
async function recordedVersions(shadow: PGlite, pluginName: string): Promise<Recorded[]> {
  const { rows } = await shadow.query<Recorded>(
    'SELECT migration_name, plugin_version FROM plugin_migrations WHERE plugin = $1',
    [pluginName],
  );
  return rows;
}

function writeNew(folder: string, script: string): string {
  if (existsSync(folder)) throw new CommandFailure(`${displayPath(folder)} exists already.`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, MIGRATION_SQL);
  writeFileSync(file, script);
  return file;
}

/** A plugin declaring one `migration` folder: its migration creates the table, once. */
async function writeOnlyMigration(
  plugin: DataOutputPlugin & { migration: string },
  change: string | undefined,
  baseOnly: string,
  target: string,
): Promise<PluginMigrationResult> {
  if (change !== undefined) {
    throw new CommandFailure(
      `Plugin ${plugin.name} declares one migration folder (\`migration\`), so it cannot have another. ` +
        `Declare the folder that holds it instead, ${displayPath(path.dirname(plugin.migration))}, as \`migrations\` ` +
        "(e.g. `migrations: new URL('./migrations/', import.meta.url)`), then run this again.",
    );
  }
  const file = path.join(plugin.migration, MIGRATION_SQL);
  if (existsSync(file) && readFileSync(file, 'utf8').trim() !== '') {
    throw new CommandFailure(`${displayPath(file)} exists; delete it first to write it again.`);
  }
  const script = await diffDatamodels(baseOnly, target);
  mkdirSync(plugin.migration, { recursive: true });
  writeFileSync(file, script);
  return { file, script };
}

function hostMigrationNames(): string[] {
  if (!existsSync(paths.migrations)) return [];
  return readdirSync(paths.migrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/**
 * Writes the next migration of a plugin that declares a `migrations` folder: Prisma's SQL from
 * what its own history builds (on the base) to the base plus its current fragment, then the record
 * of its version. The history is replayed on an in-memory PGlite, offline. Refuses a change without
 * a name once the plugin has a migration, and a version its earlier migrations already recorded.
 */
async function writeNextMigration(
  plugin: DataOutputPlugin & { migrations: string },
  change: string | undefined,
  baseOnly: string,
  target: string,
): Promise<PluginMigrationResult> {
  const own = pluginMigrations(plugin);
  const unreadable = own.filter((m) => !existsSync(path.join(m.dir, MIGRATION_SQL)));
  if (unreadable.length > 0) {
    throw new CommandFailure(
      `Migration folder(s) without a migration.sql: ${unreadable.map((m) => displayPath(m.dir)).join(', ')}. Delete them or restore their SQL, then run this again.`,
    );
  }
  const shadow = await createEmptyPglite();
  try {
    const history = await pluginHistory(plugin.migrations, baseOnly);
    const diff = await diffHistoryToDatamodel(history, target, { shadowDatabase: shadow });
    const fragment = displayPath(plugin.prismaFragment);
    if (!diff.changed) {
      console.log(
        `No change: the ${own.length} migration(s) of ${plugin.name} in ${displayPath(plugin.migrations)} already build ${fragment}; nothing written.`,
      );
      return { script: diff.script };
    }
    const last = own.at(-1);
    if (last !== undefined && change === undefined) {
      throw new CommandFailure(
        `${fragment} changed since ${plugin.name}'s last migration, ${last.name}. Name the change: ` +
          `\`npm run migration:create -- --plugin ${plugin.name} <change>\`, e.g. add_storage_class. Nothing was written.`,
      );
    }
    const newer = (await recordedVersions(shadow, plugin.name)).filter(
      (row) => !semver.valid(row.plugin_version) || !semver.gt(plugin.version, row.plugin_version),
    );
    if (newer[0] !== undefined) {
      throw new CommandFailure(
        `${plugin.name} is at version ${plugin.version}, and its migration ${newer[0].migration_name} was written for ${newer[0].plugin_version}. ` +
          'A migration belongs to the release that ships it: raise `version` (in the definition, and in package.json for a package) first, then run this again. Nothing was written.',
      );
    }
    const name = nextMigrationFolderName(migrationSlug(plugin, change), [
      ...own.map((m) => m.name),
      // After every migration of this project too: the first plugin migrations record into a table
      // one of those creates.
      ...hostMigrationNames(),
    ]);
    const script = `${diff.script.trimEnd()}\n\n${recordMigrationStatement(name, plugin)}`;
    return { file: writeNew(path.join(plugin.migrations, name), script), script };
  } finally {
    await shadow.close();
  }
}

/**
 * Writes a plugin's next migration with Prisma's engine: into its `migrations` folder (a first
 * one without a change name), or its one `migration` folder when that is all it declares.
 */
export async function writePluginMigration(
  plugin: DataOutputPlugin,
  change: string | undefined,
): Promise<PluginMigrationResult> {
  const base = readBaseSchema();
  const baseOnly = mergeSchema(base, []);
  const target = mergeSchema(base, [fragmentOf(plugin)]);
  const { migrations, migration } = plugin;
  if (migrations !== undefined)
    return writeNextMigration({ ...plugin, migrations }, change, baseOnly, target);
  if (migration !== undefined)
    return writeOnlyMigration({ ...plugin, migration }, change, baseOnly, target);
  // The registry admits no plugin without one of them.
  throw new CommandFailure(`Plugin ${plugin.name} declares no migrations.`);
}

/**
 * `npm run migration:create -- --plugin <Name> [<change>]`: writes a plugin's next migration into
 * the folder it declares, with Prisma's engine. Without a change name it writes only a first
 * migration (the one creating the plugin's table).
 */
export async function createPluginMigration(
  name: string,
  change: string | undefined,
): Promise<PluginMigrationResult> {
  if (change !== undefined && !/[A-Za-z0-9]/.test(change)) {
    throw new CommandFailure(
      `Migration name "${change}" has no letter or digit: name what it does, e.g. add_storage_class.`,
    );
  }
  const registry = await loadToolRegistry({ allowMissingMigrations: true });
  const plugin = registry.get(name)?.plugin;
  if (!plugin) {
    throw new CommandFailure(
      `Plugin ${name} is not enabled (enabled: ${registry.names().join(', ')}).`,
    );
  }
  const result = await writePluginMigration(plugin, change);
  if (result.file !== undefined) {
    console.log(`Wrote ${displayPath(result.file)} (${plugin.name} ${plugin.version}):\n`);
    console.log(result.script.trim());
    console.log(
      '\nReview it, then run `npm run schema:build` to copy it into prisma/migrations, and commit both.',
    );
  }
  return result;
}
