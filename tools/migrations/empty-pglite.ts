import { PGlite } from '@electric-sql/pglite';
import { seedFor } from '../../src/db/pglite-seed.js';

/**
 * A new, empty in-memory PGlite database (a shadow database to replay histories on). It loads the
 * build's empty seed when there is one: 1.1–1.3 s against 2.5–3.8 s for initdb on a 2-core
 * machine. Without a build (a seed is written by `npm run build`), initdb runs as before.
 */
export function createEmptyPglite(): Promise<PGlite> {
  // No migrations folder: the seed with nothing of the project's in it.
  const loadDataDir = seedFor('memory://', true);
  return PGlite.create(loadDataDir ? { loadDataDir } : {});
}
