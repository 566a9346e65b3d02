import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { seedPath } from '../src/db/pglite-seed.js';
import { displayPath } from '../src/paths.js';

/**
 * Writes the seed a new PGlite database starts from (see src/db/pglite-seed.ts): initdb runs once
 * here, at build time, instead of at every first start and in every test. Kept when one for the
 * installed PGlite exists already; seeds of other versions are removed.
 */
export async function writePgliteSeed(): Promise<string> {
  const file = seedPath();
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name !== path.basename(file)) rmSync(path.join(dir, name), { force: true });
  }
  if (existsSync(file)) return `${displayPath(file)} (kept)`;
  const db = await PGlite.create();
  try {
    const tar = await db.dumpDataDir('none');
    writeFileSync(file, gzipSync(Buffer.from(await tar.arrayBuffer())));
  } finally {
    await db.close();
  }
  return displayPath(file);
}
