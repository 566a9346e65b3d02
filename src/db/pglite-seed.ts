import { existsSync, readFileSync } from 'node:fs';
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
 * The seed to start a database from instead of running initdb (seconds on a small machine), when
 * the folder holds no database yet and the build wrote a seed for the installed PGlite.
 */
export function seedFor(dir: string, inMemory: boolean): Blob | undefined {
  if (!inMemory && existsSync(path.join(dir, 'PG_VERSION'))) return undefined;
  const file = seedPath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}
