import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DataOutputPlugin } from './define-plugin.js';

/**
 * One migration of a plugin.
 *
 * @public
 */
export interface PluginMigration {
  /** `<timestamp>_<name>`: the same in the plugin, in the service's history and in the database. */
  name: string;
  /** The folder holding its `migration.sql`. */
  dir: string;
}

/**
 * The file of a migration folder that holds its SQL.
 *
 * @public
 */
export const MIGRATION_SQL = 'migration.sql';

/**
 * A plugin's migrations in the order the service applies them: each subfolder of its
 * `migrations` folder, sorted by name as Prisma sorts a migrations folder; or the one `migration`
 * folder a plugin may declare instead. A `migrations` folder that does not exist holds none.
 *
 * @public
 */
export function pluginMigrations(plugin: DataOutputPlugin): PluginMigration[] {
  if (plugin.migrations === undefined) {
    return plugin.migration === undefined
      ? []
      : [{ name: path.basename(plugin.migration), dir: plugin.migration }];
  }
  const folder = plugin.migrations;
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ name, dir: path.join(folder, name) }));
}
