import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATION_SQL, pluginMigrations } from '@data-product-portal/plugin-sdk';
import { displayPath } from '../../src/paths.js';
import type { PluginRegistry } from '../../src/registry/registry.js';

export interface MigrationCopy {
  pluginName: string;
  from: string;
  to: string;
  upToDate: boolean;
}

/**
 * Where each plugin's migrations go in the project's migration history. Prisma (and the
 * in-process migrator) read one folder, so the build copies every migration of every enabled
 * plugin there, under its own folder name. Copies of plugins no longer enabled, or of migrations a
 * plugin no longer lists, are kept: the databases that applied them hold their tables and data.
 */
export function pluginMigrationCopies(
  registry: PluginRegistry,
  migrationsDir: string,
): MigrationCopy[] {
  return registry.list().flatMap(({ plugin }) =>
    pluginMigrations(plugin).map((migration) => {
      const from = path.join(migration.dir, MIGRATION_SQL);
      const to = path.join(migrationsDir, migration.name, MIGRATION_SQL);
      const upToDate = existsSync(to) && readFileSync(to, 'utf8') === readFileSync(from, 'utf8');
      return { pluginName: plugin.name, from, to, upToDate };
    }),
  );
}

export function writeMigrationCopy(copy: MigrationCopy): void {
  mkdirSync(path.dirname(copy.to), { recursive: true });
  copyFileSync(copy.from, copy.to);
}

export function describeCopy(copy: MigrationCopy): string {
  return `${displayPath(copy.to)} (migration of ${copy.pluginName}, from ${displayPath(copy.from)})`;
}
