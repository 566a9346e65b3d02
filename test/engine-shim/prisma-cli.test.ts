import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations, diagnoseMigrations } from '../../src/db/migrate.js';
import { paths, projectRoot } from '../../src/paths.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';

// The real Prisma CLI (`migrate status`, `migrate deploy`) on databases migrated in-process, and
// the other way round, with bin/schema-engine standing in for the native schema engine.

const CLI = path.join(projectRoot, 'node_modules/prisma/build/index.js');
const ENGINE = path.join(projectRoot, 'bin/schema-engine');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function prisma(args: string[], databaseUrl: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_SCHEMA_ENGINE_BINARY: ENGINE,
      // No update check over the network, no colours in the output.
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      NO_COLOR: '1',
    };
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: projectRoot, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const describeRun = (run: CliRun) =>
  `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

async function migrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

const migrateInProcess = (db: ScratchDatabase, migrationsDir = paths.migrations) =>
  applyPendingMigrations({
    adapterFactory: new PrismaPg({ connectionString: db.url }),
    migrationsDir,
  });

// What both ways of migrating must write alike.
const history = (db: ScratchDatabase) =>
  db.query(
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at, logs, applied_steps_count
       FROM _prisma_migrations ORDER BY migration_name`,
  );

// Each CLI command starts Node three times (the CLI, then the engine twice): seconds each on a
// busy 2-core machine.
describe('the Prisma CLI through bin/schema-engine (the wasm schema engine)', {
  timeout: 180_000,
}, () => {
  let all: string[];
  const databases: ScratchDatabase[] = [];
  const scratch = async () => {
    const db = await createScratchDatabase('prisma_cli');
    databases.push(db);
    return db;
  };

  beforeAll(async () => {
    all = await migrationNames(paths.migrations);
  });
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('migrate status and deploy see a database migrated in-process as up to date', async () => {
    const db = await scratch();
    expect(await migrateInProcess(db)).toEqual(all);

    const status = await prisma(['migrate', 'status'], db.url);
    expect(status.code, describeRun(status)).toBe(0);
    expect(status.stdout).toContain(`${all.length} migrations found in prisma/migrations`);
    expect(status.stdout).toContain('Database schema is up to date!');

    const deploy = await prisma(['migrate', 'deploy'], db.url);
    expect(deploy.code, describeRun(deploy)).toBe(0);
    expect(deploy.stdout).toContain('No pending migrations to apply.');
  });

  it('the in-process migrations see a database migrated by migrate deploy as up to date', async () => {
    const db = await scratch();
    const deploy = await prisma(['migrate', 'deploy'], db.url);
    expect(deploy.code, describeRun(deploy)).toBe(0);
    expect(deploy.stdout).toContain('All migrations have been successfully applied.');
    for (const name of all) expect(deploy.stdout).toContain(name);

    const diagnosis = await diagnoseMigrations({
      adapterFactory: new PrismaPg({ connectionString: db.url }),
      migrationsDir: paths.migrations,
    });
    expect(diagnosis).toMatchObject({
      hasMigrationsTable: true,
      pendingMigrationNames: [],
      failedMigrationNames: [],
      editedMigrationNames: [],
      unknownAppliedMigrationNames: [],
    });
    expect(await migrateInProcess(db)).toEqual([]);

    // Same rows in `_prisma_migrations` as an in-process migration writes.
    const inProcess = await scratch();
    await migrateInProcess(inProcess);
    expect(await history(db)).toEqual(await history(inProcess));
  });

  describe('with the last migration not applied', () => {
    let db: ScratchDatabase;
    let last: string;

    beforeAll(async () => {
      last = all.at(-1) ?? '';
      const partial = await mkdtemp(path.join(tmpdir(), 'prisma-cli-migrations-'));
      try {
        await cp(paths.migrations, partial, { recursive: true });
        await rm(path.join(partial, last), { recursive: true });
        db = await scratch();
        expect(await migrateInProcess(db, partial)).toEqual(all.slice(0, -1));
      } finally {
        await rm(partial, { recursive: true, force: true });
      }
    });

    it('migrate status names it and exits non-zero', async () => {
      const status = await prisma(['migrate', 'status'], db.url);
      expect(status.code, describeRun(status)).not.toBe(0);
      expect(status.stdout).toContain(`${all.length} migrations found in prisma/migrations`);
      expect(status.stdout).toContain(`Following migration have not yet been applied:\n${last}\n`);
    });

    it('migrate deploy applies just that one', async () => {
      const deploy = await prisma(['migrate', 'deploy'], db.url);
      expect(deploy.code, describeRun(deploy)).toBe(0);
      expect(deploy.stdout).toContain(`${last}/`);
      for (const name of all.slice(0, -1)) expect(deploy.stdout).not.toContain(name);
      const diagnosis = await diagnoseMigrations({
        adapterFactory: new PrismaPg({ connectionString: db.url }),
        migrationsDir: paths.migrations,
      });
      expect(diagnosis.pendingMigrationNames).toEqual([]);
    });
  });

  it('names the problem when the database does not exist or is not PostgreSQL', async () => {
    const db = await scratch();
    const missing = new URL(db.url);
    missing.pathname = `${missing.pathname}_missing`;
    const status = await prisma(['migrate', 'status'], missing.toString());
    expect(status.code).not.toBe(0);
    expect(status.stderr).toMatch(/P1003: Database `prisma_cli_\w+_missing` does not exist/);

    const mysql = await prisma(['migrate', 'status'], 'mysql://root@127.0.0.1:3306/portal');
    expect(mysql.code).not.toBe(0);
    expect(mysql.stderr).toContain('only serves PostgreSQL; use a postgres:// URL');
  });
});
