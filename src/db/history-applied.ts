import { createHash } from 'node:crypto';
import { readMigrationsDir } from './migrations-dir.js';

/** The columns of `_prisma_migrations` this check reads. */
export interface AppliedMigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export type ReadAppliedMigrations = () => Promise<AppliedMigrationRow[]>;

export const APPLIED_MIGRATIONS_SQL =
  'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations';

/**
 * Whether `_prisma_migrations` records exactly the folder's migrations, each finished and not
 * rolled back, with the checksum (SHA-256 of migration.sql, as the engine computes it) of the
 * script on disk. Then the schema engine has nothing to apply or to report, and start-up need not
 * start it. Anything else (no table yet, a pending, failed, edited or unknown migration, a
 * read error) answers false, and the engine decides as before.
 */
export async function historyIsApplied(
  readApplied: ReadAppliedMigrations,
  migrationsDir: string,
): Promise<boolean> {
  const [rows, list] = await Promise.all([
    readApplied().catch(() => undefined),
    readMigrationsDir(migrationsDir),
  ]);
  if (!rows) return false;
  const live = rows.filter((row) => row.rolled_back_at === null);
  if (live.some((row) => row.finished_at === null)) return false;
  const applied = new Map(live.map((row) => [row.migration_name, row.checksum]));
  if (applied.size !== live.length || applied.size !== list.migrationDirectories.length)
    return false;
  return list.migrationDirectories.every((dir) => {
    const { content } = dir.migrationFile;
    if (content.tag !== 'ok') return false;
    const checksum = createHash('sha256').update(content.value).digest('hex');
    return applied.get(dir.path) === checksum;
  });
}
