import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationDirectory, MigrationList } from '@prisma/schema-engine-wasm';

export const MIGRATION_LOCK_FILE = 'migration_lock.toml';
export const MIGRATION_SCRIPT_FILE = 'migration.sql';

/**
 * Reads `<dir>/<name>/migration.sql` and `<dir>/migration_lock.toml` into the engine's input,
 * the way the Prisma CLI does: a missing folder is an empty history, an unreadable script is
 * passed on as an error for the engine to report, folders are sorted with `localeCompare`.
 */
export async function readMigrationsDir(
  dir: string,
  shadowDbInitScript = '',
): Promise<MigrationList> {
  const baseDir = path.resolve(dir);
  const lockContent = await readFile(path.join(baseDir, MIGRATION_LOCK_FILE), 'utf-8').catch(
    () => null,
  );
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);

  const migrationDirectories: MigrationDirectory[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const content = await readFile(
      path.join(baseDir, entry.name, MIGRATION_SCRIPT_FILE),
      'utf-8',
    ).then(
      (value) => ({ tag: 'ok' as const, value }),
      (error: unknown) => ({
        tag: 'error' as const,
        value: error instanceof Error ? error.message : String(error),
      }),
    );
    migrationDirectories.push({
      path: entry.name,
      migrationFile: { path: MIGRATION_SCRIPT_FILE, content },
    });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));

  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent },
    shadowDbInitScript,
    migrationDirectories,
  };
}
