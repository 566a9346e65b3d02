import path from 'node:path';
import { readMigrationsDir } from '../../src/db/migrations-dir.js';
import { diffHistoryToDatamodel, type HistoryDiffOptions } from './history-diff.js';
import { migrationFolderName, writeMigration } from './write-migration.js';

export interface NextMigrationOptions extends HistoryDiffOptions {
  /** Folder of `<timestamp>_<name>/migration.sql` (+ `migration_lock.toml`); the new folder goes here. */
  migrationsDir: string;
  /** The full Prisma schema the history must reach, e.g. the text of prisma/schema.prisma. */
  schema: string;
  /** What the migration does, e.g. `add_owner`; becomes the folder name's suffix. */
  name: string;
  /** Timestamp of the folder name; default now. */
  at?: Date;
}

export interface NextMigration {
  /** The folder written; undefined when the history already produces the schema. */
  folder?: string;
  /** Prisma's SQL from the history's end state to the schema. */
  script: string;
  /** How many migrations the history had before. */
  historyLength: number;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/;

function stampDate(folderName: string): Date | undefined {
  const parts = STAMP.exec(folderName)?.slice(1).map(Number);
  if (!parts) return undefined;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/**
 * The folder name for a migration made at `at`, moved to one second after the newest existing
 * folder if needed: migrations run in folder-name order, so a clock behind a colleague's (or a
 * history dated ahead) must not slot the new migration before the ones it builds on.
 */
export function nextMigrationFolderName(
  name: string,
  existing: readonly string[],
  at: Date = new Date(),
): string {
  const latest = existing
    .map(stampDate)
    .filter((date): date is Date => date !== undefined)
    .reduce<Date | undefined>(
      (max, date) => (max === undefined || date > max ? date : max),
      undefined,
    );
  const when =
    latest !== undefined && latest.getTime() >= Math.floor(at.getTime() / 1000) * 1000
      ? new Date(latest.getTime() + 1000)
      : at;
  return migrationFolderName(name, when);
}

/**
 * Writes the next migration: the SQL Prisma's engine generates to bring the database the whole
 * history produces to `schema` (the history replayed on an in-memory database, as
 * `prisma migrate dev` does on its shadow database). Writes nothing when there is no change.
 */
export async function createNextMigration(options: NextMigrationOptions): Promise<NextMigration> {
  if (!/[A-Za-z0-9]/.test(options.name)) {
    throw new Error(
      `Migration name "${options.name}" has no letter or digit: name what it does, e.g. \`npm run migration:create -- add_owner\`.`,
    );
  }
  const list = await readMigrationsDir(options.migrationsDir);
  const { script, changed } = await diffHistoryToDatamodel(list, options.schema, options);
  const historyLength = list.migrationDirectories.length;
  if (!changed) return { script, historyLength };
  const existing = list.migrationDirectories.map((dir) => dir.path);
  const folder = await writeMigration(
    options.migrationsDir,
    nextMigrationFolderName(options.name, existing, options.at),
    script,
  );
  return { folder: path.resolve(folder), script, historyLength };
}
