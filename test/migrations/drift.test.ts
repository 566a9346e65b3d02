import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationError } from '../../src/db/migrate.js';
import { paths, projectRoot } from '../../src/paths.js';
import { diffDatamodels } from '../../tools/migrations/diff.js';
import { checkMigrationDrift, type DriftReport } from '../../tools/migrations/drift.js';
import { driftMessage } from '../../tools/migrations/drift-message.js';
import { writeMigration } from '../../tools/migrations/write-migration.js';
import { folders, M1, M2, scratch, v1, v2, v3 } from '../support/fixture-schemas.js';

const tmp = scratch();
let shadow: PGlite;
let history: string;

beforeAll(async () => {
  shadow = await tmp.shadow();
  history = await tmp.dir();
  await writeMigration(history, M1, await diffDatamodels(null, v1));
  await writeMigration(history, M2, await diffDatamodels(v1, v2));
});
afterAll(() => tmp.cleanup());

const check = (schema: string, migrationsDir = history) =>
  checkMigrationDrift({ migrationsDir, schema, shadowDatabase: shadow });

describe('checkMigrationDrift', () => {
  it('finds no drift when the history produces the schema', async () => {
    const report = await check(v2);
    expect(report).toMatchObject({ migrationNames: [M1, M2], drift: false, extraObjects: [] });
    expect(report.script).toBe('-- This is an empty migration.\n');
  });

  it('reports a missing migration with the SQL it amounts to', async () => {
    const report = await check(v3);
    expect(report.drift).toBe(true);
    expect(report.script).toContain('ALTER TABLE "Parent" ADD COLUMN     "nickname" TEXT');
    expect(report.extraObjects).toEqual([]);
  });

  it('names the migration that created a table the schema lacks', async () => {
    const report = await check(v1);
    expect(report.drift).toBe(true);
    expect(report.script).toContain('DROP TABLE "Child"');
    expect(report.extraObjects).toEqual([{ kind: 'table', name: 'Child', createdBy: M2 }]);
  });

  it('treats an empty history as an empty database', async () => {
    const report = await check(v1, path.join(history, 'missing'));
    expect(report).toMatchObject({ migrationNames: [], drift: true });
    expect(report.script).toContain('CREATE TABLE "Parent"');
  });

  it('names a migration that does not apply, and the shadow database is reusable afterwards', async () => {
    const broken = await tmp.dir();
    await writeMigration(broken, M1, await diffDatamodels(null, v1));
    await writeMigration(
      broken,
      '20250103000000_broken',
      'CREATE TABLE "Partial" ("id" INTEGER);\nSELEC nonsense;\n',
    );
    const error: unknown = await check(v1, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      migrationNames: ['20250103000000_broken'],
      message: expect.stringMatching(
        /Migration .*20250103000000_broken does not apply on top of the migrations before it: .*syntax error at or near "SELEC"/s,
      ),
    });

    expect((await check(v2)).drift).toBe(false);
  });

  it("gives the database's reason without the engine's preamble when the adapter mapped the error", async () => {
    const missing = await tmp.dir();
    await writeMigration(missing, M1, await diffDatamodels(null, v1));
    await writeMigration(
      missing,
      '20250104000000_alter_missing',
      'ALTER TABLE "Nope" ADD COLUMN "x" INTEGER;\n',
    );
    const error: unknown = await check(v1, missing).catch((e: unknown) => e);
    expect(error).toMatchObject({ migrationNames: ['20250104000000_alter_missing'] });
    expect(error).toHaveProperty(
      'message',
      expect.stringMatching(
        /20250104000000_alter_missing does not apply on top of the migrations before it: No such table: Nope\. Fix its migration\.sql/,
      ),
    );
  });

  it('names a migration folder without migration.sql', async () => {
    const empty = await tmp.dir();
    await writeMigration(empty, M1, await diffDatamodels(null, v1));
    await mkdir(path.join(empty, '20250105000000_unfinished'));
    await expect(check(v1, empty)).rejects.toThrow(
      /without a readable migration\.sql: .*20250105000000_unfinished\. Add the script or delete the folder/,
    );
  });

  it("finds no drift in the repository's prisma/migrations against prisma/schema.prisma", async () => {
    const report = await check(readFileSync(paths.mergedSchema, 'utf8'), paths.migrations);
    expect(report.script).toBe('-- This is an empty migration.\n');
    expect(report.drift).toBe(false);
    expect(report.migrationNames).toEqual(await folders(paths.migrations));
  });
});

describe('driftMessage', () => {
  const report: DriftReport = {
    migrationNames: [M1, M2],
    drift: true,
    script: 'DROP TABLE "Child";\n',
    extraObjects: [{ kind: 'table', name: 'Child', createdBy: M2 }],
    elapsedMs: 1,
  };
  const context = (enabled: string[]) => ({
    migrationsDir: 'prisma/migrations',
    schemaFile: 'prisma/schema.prisma',
    plugins: { enabled: new Set(enabled), known: new Map([[M2, 'ChildDataOutput']]) },
    staleFiles: [],
  });

  it('gives the SQL and the fix, and blames a plugin that is not enabled', () => {
    const message = driftMessage(report, context([]));
    expect(message).toContain(
      'the 2 migration(s) in prisma/migrations do not produce prisma/schema.prisma',
    );
    expect(message).toContain('DROP TABLE "Child";');
    expect(message).toContain('Fix: `npm run migration:create -- <name>`');
    expect(message).toContain(
      `table Child (created by ${M2}, the migration of plugin ChildDataOutput, which is not enabled)`,
    );
    expect(message).toContain('copies of migrations of plugins that are not enabled');
  });

  it("leaves out the plugin hint when the table comes from an enabled plugin's migration", () => {
    expect(driftMessage(report, context([M2]))).not.toContain('not enabled');
  });

  it('says to run the schema build when generated files are stale', () => {
    const message = driftMessage(report, { ...context([]), staleFiles: ['prisma/schema.prisma'] });
    expect(message).toContain(
      'run `npm run schema:build` first and check again:\n- prisma/schema.prisma',
    );
  });
});

describe('npm run migration:check', () => {
  it('exits 0 on the repository and prints the count and the time', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/cli.ts', 'migration:check'],
      {
        cwd: projectRoot,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^No migration drift: the \d+ migration\(s\) in prisma\/migrations, .* produce exactly prisma\/schema\.prisma \(\d+\.\d s\)\.\n$/,
    );
  });
});
