import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyPendingMigrations } from '../src/db/migrate.js';
import { historyKey, migratedSeedPath, seedPath } from '../src/db/pglite-seed.js';
import { displayPath, paths } from '../src/paths.js';

async function dump(db: PGlite, file: string): Promise<void> {
  const tar = await db.dumpDataDir('none');
  writeFileSync(file, gzipSync(Buffer.from(await tar.arrayBuffer())));
}

/**
 * Writes the seeds a new PGlite database starts from (see src/db/pglite-seed.ts): initdb runs once
 * here, at build time, instead of at every first start and in every test; then the project's
 * migration history is applied once, with the engine and code start-up uses, to a copy of it.
 * Seeds already written for the installed PGlite and this history are kept; others are removed.
 */
export async function writePgliteSeed(migrationsDir = paths.migrations): Promise<string> {
  const empty = seedPath();
  const migrated = migratedSeedPath(historyKey(migrationsDir));
  const dir = path.dirname(empty);
  mkdirSync(dir, { recursive: true });
  const keep = new Set([path.basename(empty), path.basename(migrated)]);
  for (const name of readdirSync(dir)) {
    if (!keep.has(name)) rmSync(path.join(dir, name), { force: true });
  }
  const written: string[] = [];
  if (!existsSync(empty)) {
    const db = await PGlite.create();
    try {
      await dump(db, empty);
    } finally {
      await db.close();
    }
    written.push(displayPath(empty));
  }
  if (!existsSync(migrated)) {
    const loadDataDir = new Blob([readFileSync(empty)]);
    const db = await PGlite.create({ loadDataDir });
    try {
      await applyPendingMigrations({ adapterFactory: new PrismaPGlite(db), migrationsDir });
      await dump(db, migrated);
    } finally {
      await db.close();
    }
    written.push(displayPath(migrated));
  }
  return written.length > 0 ? written.join(' and ') : `${displayPath(dir)} (kept)`;
}
