import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import {
  APPLIED_MIGRATIONS_SQL,
  type AppliedMigrationRow,
  historyIsApplied,
} from '../../src/db/history-applied.js';
import {
  historyKey,
  migratedSeedPath,
  pgliteVersion,
  seedFor,
  seedPath,
} from '../../src/db/pglite-seed.js';
import { loadEnv } from '../../src/env.js';
import { paths } from '../../src/paths.js';
import { writePgliteSeed } from '../../tools/pglite-seed.js';

describe('the PGlite seed', () => {
  let dir: string;
  beforeAll(async () => {
    await writePgliteSeed();
    dir = mkdtempSync(path.join(tmpdir(), 'pglite-seed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written by the build for the installed PGlite, and a seed of another version is removed', async () => {
    const other = seedPath('0.0.0');
    writeFileSync(other, 'not a seed');
    expect(await writePgliteSeed()).toMatch(/\(kept\)$/);
    expect(existsSync(other)).toBe(false);
    expect(seedPath()).toContain(`pglite-${pgliteVersion()}.tar.gz`);
    expect(existsSync(seedPath())).toBe(true);
  });

  it('is offered for memory and for a folder holding no database, never over a database', async () => {
    const folder = path.join(dir, 'db');
    expect(seedFor('memory://', true)).toBeInstanceOf(Blob);
    expect(seedFor(folder, false)).toBeInstanceOf(Blob);

    const env = { ...loadEnv({}), PGLITE_DIR: folder, DATABASE_URL: undefined };
    const first = await connectDatabase(env);
    await first.prisma.$executeRawUnsafe('CREATE TABLE kept (id int)');
    await first.prisma.$executeRawUnsafe('INSERT INTO kept VALUES (7)');
    await first.close();
    expect(seedFor(folder, false)).toBeUndefined();

    // Opened again, the folder is the same database: the seed did not overwrite it.
    const second = await connectDatabase(env);
    try {
      expect(await second.prisma.$queryRawUnsafe('SELECT id FROM kept')).toEqual([{ id: 7 }]);
    } finally {
      await second.close();
    }
  });

  it('with the migrations folder named, a new database starts with that history applied; another history gets the empty seed', async () => {
    const migrated = migratedSeedPath(historyKey(paths.migrations));
    expect(existsSync(migrated)).toBe(true);
    expect(seedFor('memory://', true, paths.migrations)?.size).toBe(statSync(migrated).size);

    const env = { ...loadEnv({}), PGLITE_DIR: 'memory://', DATABASE_URL: undefined };
    const db = await connectDatabase(env, { migrationsDir: paths.migrations });
    try {
      const read = () => db.prisma.$queryRawUnsafe<AppliedMigrationRow[]>(APPLIED_MIGRATIONS_SQL);
      expect(await historyIsApplied(read, paths.migrations)).toBe(true);
    } finally {
      await db.close();
    }

    // One script edited: a different history, so the copy is not used.
    const edited = path.join(dir, 'edited-migrations');
    cpSync(paths.migrations, edited, { recursive: true });
    const [first] = readdirSync(edited)
      .filter((n) => /^\d/.test(n))
      .sort();
    writeFileSync(path.join(edited, first as string, 'migration.sql'), '-- edited\n', {
      flag: 'a',
    });
    expect(historyKey(edited)).not.toBe(historyKey(paths.migrations));
    expect(seedFor('memory://', true, edited)?.size).toBe(statSync(seedPath()).size);
  });
});
