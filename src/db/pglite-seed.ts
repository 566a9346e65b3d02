import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../paths.js';

const require = createRequire(import.meta.url);

/** The installed PGlite's version: a seed written by another version is never loaded. */
export function pgliteVersion(): string {
  const main = require.resolve('@electric-sql/pglite');
  const manifest = path.join(path.dirname(main), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * Where `npm run build` keeps the data directory of a new, empty PGlite database (what initdb
 * makes, nothing of the project's), as a gzipped tar made by `dumpDataDir`.
 */
export function seedPath(version = pgliteVersion()): string {
  return path.join(projectRoot, 'dist/pglite-seed', `pglite-${version}.tar.gz`);
}

/**
 * A short key of a migrations folder's history: every migration's name and script. A copy of a
 * database migrated by one history is used only where the folder holds that same history.
 */
export function historyKey(migrationsDir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir).sort()) {
    const script = path.join(migrationsDir, name, 'migration.sql');
    if (!existsSync(script)) continue;
    hash
      .update(`${name}\0`)
      .update(createHash('sha256').update(readFileSync(script)).digest('hex'));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Where `npm run build` keeps a database the folder's whole history was applied to (by the same
 * engine and code as at start-up, so `_prisma_migrations` holds the same names and checksums).
 */
export function migratedSeedPath(key: string, version = pgliteVersion()): string {
  return path.join(projectRoot, 'dist/pglite-seed', `pglite-${version}-migrated-${key}.tar.gz`);
}

/**
 * The seed to start a database from instead of running initdb (seconds on a small machine), when
 * the folder holds no database yet and the build wrote a seed for the installed PGlite. Given
 * `migrationsDir`, a seed with that folder's history already applied is preferred, so a new
 * database needs no migration engine at its first start.
 */
export function seedFor(dir: string, inMemory: boolean, migrationsDir?: string): Blob | undefined {
  if (!inMemory && existsSync(path.join(dir, 'PG_VERSION'))) return undefined;
  const migrated = migrationsDir && migratedSeedPath(historyKey(migrationsDir));
  const file = migrated && existsSync(migrated) ? migrated : seedPath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}
