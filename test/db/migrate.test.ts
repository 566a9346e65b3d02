import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPendingMigrations,
  diagnoseMigrations,
  MigrationError,
} from '../../src/db/migrate.js';
import { MIGRATION_SCRIPT_FILE } from '../../src/db/migrations-dir.js';
import { diffDatamodels } from '../../tools/migrations/diff.js';
import { writeMigration } from '../../tools/migrations/write-migration.js';
import { header, M1, M2, v1, v2, v3 } from '../support/fixture-schemas.js';
import {
  type MigrationBackend,
  pgliteBackend,
  postgresBackend,
} from '../support/migration-backends.js';

const [M3, M4] = ['20250103000000_nickname', '20250104000000_broken'];

const postgres = () => postgresBackend('migrate_test');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
let scripts: { m1: string; m2: string; m3: string };

beforeAll(async () => {
  scripts = {
    m1: await diffDatamodels(null, v1),
    m2: await diffDatamodels(v1, v2),
    m3: await diffDatamodels(v2, v3),
  };
});

describe('diffDatamodels', () => {
  it('renders Prisma migration SQL without a database', async () => {
    expect(scripts.m1).toContain('CREATE TABLE "Parent"');
    expect(scripts.m2).toContain('CREATE TABLE "Child"');
    expect(scripts.m2).toMatch(
      /FOREIGN KEY \("id"\) REFERENCES "Parent"\("id"\) ON DELETE CASCADE/,
    );
    expect(scripts.m3).toContain('ALTER TABLE "Parent" ADD COLUMN     "nickname" TEXT');
    expect(await diffDatamodels(v2, v2)).toBe('-- This is an empty migration.\n');
    await expect(diffDatamodels(null, `${header}\nmodel Broken {`)).rejects.toThrow(
      /Error validating/,
    );
  });
});

describe.each([
  ['PGlite', pgliteBackend],
  ['PostgreSQL', postgres],
])('applyPendingMigrations on %s', (_name, makeBackend) => {
  let backend: MigrationBackend;
  let dir: string;
  const options = () => ({ adapterFactory: backend.adapterFactory, migrationsDir: dir });
  const tables = async () =>
    (
      await backend.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      )
    )
      .map((row) => row.table_name)
      .sort();
  const history = () =>
    backend.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at, logs
       FROM _prisma_migrations ORDER BY migration_name`,
    );
  const script = (name: string) => readFile(path.join(dir, name, MIGRATION_SCRIPT_FILE), 'utf-8');

  beforeAll(async () => {
    backend = await makeBackend();
    dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    await writeMigration(dir, M1, scripts.m1);
    await writeMigration(dir, M2, scripts.m2);
  });
  afterAll(async () => {
    await backend?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('applies both migrations and records them as migrate deploy does', async () => {
    const before = await diagnoseMigrations(options());
    expect(before.pendingMigrationNames).toEqual([M1, M2]);

    expect(await applyPendingMigrations(options())).toEqual([M1, M2]);

    expect(await tables()).toEqual(['Child', 'Parent', '_prisma_migrations']);
    const [fk] = await backend.query(
      `SELECT delete_rule FROM information_schema.referential_constraints WHERE constraint_name = 'Child_id_fkey'`,
    );
    expect(fk?.delete_rule).toBe('CASCADE');
    const rows = await history();
    expect(rows).toMatchObject([
      {
        migration_name: M1,
        checksum: sha256(await script(M1)),
        applied_steps_count: 1,
        rolled_back_at: null,
        logs: null,
      },
      {
        migration_name: M2,
        checksum: sha256(await script(M2)),
        applied_steps_count: 1,
        rolled_back_at: null,
        logs: null,
      },
    ]);
    for (const row of rows) expect(row.finished_at).toBeInstanceOf(Date);
  });

  it('applies nothing the second time and diagnoses a clean history', async () => {
    expect(await applyPendingMigrations(options())).toEqual([]);
    expect(await diagnoseMigrations(options())).toEqual({
      hasMigrationsTable: true,
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
      pendingMigrationNames: [],
      unknownAppliedMigrationNames: [],
      unreadableMigrationNames: [],
    });
    if (backend.checksLockRelease) {
      const locks = await backend.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(locks).toEqual([]);
    }
  });

  it('applies only a newly added migration', async () => {
    await writeMigration(dir, M3, scripts.m3);
    expect(await applyPendingMigrations(options())).toEqual([M3]);
    const columns = await backend.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Parent' AND column_name = 'nickname'`,
    );
    expect(columns).toHaveLength(1);
    expect((await history()).map((row) => row.migration_name)).toEqual([M1, M2, M3]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const original = await script(M1);
    await writeFile(path.join(dir, M1, MIGRATION_SCRIPT_FILE), `${original}\n-- edited\n`);
    try {
      expect((await diagnoseMigrations(options())).editedMigrationNames).toEqual([M1]);
      const error: unknown = await applyPendingMigrations(options()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect(error).toMatchObject({
        migrationNames: [M1],
        message: expect.stringContaining(`"${M1}"`),
      });
    } finally {
      await writeFile(path.join(dir, M1, MIGRATION_SCRIPT_FILE), original);
    }
    expect((await diagnoseMigrations(options())).editedMigrationNames).toEqual([]);
  });

  it('fails on broken SQL naming the migration, rolls it back and keeps earlier ones', async () => {
    await writeMigration(dir, M4, 'CREATE TABLE "Partial" ("id" INTEGER);\nSELEC nonsense;\n');
    const error: unknown = await applyPendingMigrations(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      migrationNames: [M4],
      message: expect.stringMatching(/"20250104000000_broken" failed.*syntax error/s),
    });

    // The script runs as one implicit transaction: its first statement did not stick.
    expect(await tables()).toEqual(['Child', 'Parent', '_prisma_migrations']);
    const rows = await history();
    expect(rows.map((row) => [row.migration_name, row.finished_at instanceof Date])).toEqual([
      [M1, true],
      [M2, true],
      [M3, true],
      [M4, false],
    ]);
    expect(rows[3]?.logs).toMatch(/syntax error at or near "SELEC"/);

    expect((await diagnoseMigrations(options())).failedMigrationNames).toEqual([M4]);
    await expect(applyPendingMigrations(options())).rejects.toThrow(
      /"20250104000000_broken": failed earlier/,
    );
  });
});
