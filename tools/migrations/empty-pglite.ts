import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { seedPath } from '../../src/db/pglite-seed.js';

/**
 * A new, empty in-memory PGlite database (a shadow database to replay histories on). It loads the
 * build's empty seed when there is one: 1.1–1.3 s against 2.5–3.8 s for initdb on a 2-core
 * machine. Without a build (a seed is written by `npm run build`), initdb runs as before.
 */
export async function createEmptyPglite(): Promise<PGlite> {
  const seed = seedPath();
  return existsSync(seed)
    ? PGlite.create({ loadDataDir: new Blob([readFileSync(seed)]) })
    : PGlite.create();
}
