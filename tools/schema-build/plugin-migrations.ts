import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../../src/paths.js';
import type { PluginRegistry } from '../../src/registry/registry.js';

export interface MigrationCopy {
  pluginName: string;
  from: string;
  to: string;
  upToDate: boolean;
}

/**
 * Where each plugin's migration goes in the project's migration history. Prisma (and the
 * in-process migrator) read one folder, so the build copies each plugin's own migration there.
 * Copies of plugins no longer enabled are kept: their tables hold data.
 */
export function pluginMigrationCopies(
  registry: PluginRegistry,
  migrationsDir: string,
): MigrationCopy[] {
  return registry.list().map(({ plugin }) => {
    const from = path.join(plugin.migration, 'migration.sql');
    const to = path.join(migrationsDir, path.basename(plugin.migration), 'migration.sql');
    const upToDate = existsSync(to) && readFileSync(to, 'utf8') === readFileSync(from, 'utf8');
    return { pluginName: plugin.name, from, to, upToDate };
  });
}

export function writeMigrationCopy(copy: MigrationCopy): void {
  mkdirSync(path.dirname(copy.to), { recursive: true });
  copyFileSync(copy.from, copy.to);
}

export function describeCopy(copy: MigrationCopy): string {
  return `${displayPath(copy.to)} (migration of ${copy.pluginName}, from ${displayPath(copy.from)})`;
}
