import { type DataOutputPlugin, MIGRATION_SQL } from '@data-product-portal/plugin-sdk';
import type { MigrationDirectory, MigrationList } from '@prisma/schema-engine-wasm';
import { MIGRATION_LOCK_FILE, readMigrationsDir } from '../../src/db/migrations-dir.js';
import { diffDatamodels } from './diff.js';
import { MIGRATION_LOCK } from './write-migration.js';

// A plugin's migration history on its own, and how its migrations are named.

/** `GlueDataOutput` → `glue_data_output`: the name of a plugin's first migration. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * A migration's name after its timestamp: the change, prefixed with the platform key so the
 * folder tells whose it is in prisma/migrations and `_prisma_migrations` (and differs from other
 * plugins' folders). A first migration without a change name is named after the plugin.
 */
export function migrationSlug(plugin: DataOutputPlugin, change: string | undefined): string {
  if (change === undefined) return snakeCase(plugin.name);
  const prefix = snakeCase(plugin.platform.key);
  const slug = change.trim().replace(/[^A-Za-z0-9]+/g, '_');
  return slug === prefix || slug.startsWith(`${prefix}_`) ? slug : `${prefix}_${slug}`;
}

function ok(folder: string, script: string): MigrationDirectory {
  return {
    path: folder,
    migrationFile: { path: MIGRATION_SQL, content: { tag: 'ok', value: script } },
  };
}

/**
 * The plugin's own history on top of the base: a first migration creating what
 * prisma/base.prisma declares (the tables every plugin table relies on), then the plugin's
 * migrations in order. Other plugins' migrations are no part of it.
 */
export async function pluginHistory(folder: string, baseOnly: string): Promise<MigrationList> {
  const own = await readMigrationsDir(folder);
  return {
    ...own,
    lockfile: { path: MIGRATION_LOCK_FILE, content: MIGRATION_LOCK },
    migrationDirectories: [
      ok('00000000000000_base', await diffDatamodels(null, baseOnly)),
      ...own.migrationDirectories,
    ],
  };
}
