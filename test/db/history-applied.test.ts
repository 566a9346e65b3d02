import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLIED_MIGRATIONS_SQL,
  type AppliedMigrationRow,
  historyIsApplied,
} from '../../src/db/history-applied.js';
import { applyPendingMigrations, diagnoseMigrations } from '../../src/db/migrate.js';
import { MIGRATION_SCRIPT_FILE } from '../../src/db/migrations-dir.js';
import { diffDatamodels } from '../../tools/migrations/diff.js';
import { writeMigration } from '../../tools/migrations/write-migration.js';
import { M1, M2, v1, v2, v3 } from '../support/fixture-schemas.js';
import {
  type MigrationBackend,
  pgliteBackend,
  postgresBackend,
} from '../support/migration-backends.js';

// Start-up skips the schema engine when historyIsApplied says the history is applied. That is
// safe only if it never says so when the engine would apply, refuse or report something: each
// state below is checked against the engine's own diagnosis.

const [M3, M4] = ['20250103000000_nickname', '20250104000000_broken'];

const postgres = () => postgresBackend('history_applied_test');

describe.each([
  ['PGlite', pgliteBackend],
  ['PostgreSQL', postgres],
])('historyIsApplied on %s', (_name, makeBackend) => {
  let backend: MigrationBackend;
  let dir: string;
  const options = () => ({ adapterFactory: backend.adapterFactory, migrationsDir: dir });
  const applied = () =>
    historyIsApplied(
      async () => (await backend.query(APPLIED_MIGRATIONS_SQL)) as unknown as AppliedMigrationRow[],
      dir,
    );
  /** Whether the engine finds anything to apply, refuse or report. */
  const engineHasWork = async () => {
    const diagnosis = await diagnoseMigrations(options());
    return (
      !diagnosis.hasMigrationsTable ||
      [
        diagnosis.pendingMigrationNames,
        diagnosis.failedMigrationNames,
        diagnosis.editedMigrationNames,
        diagnosis.unknownAppliedMigrationNames,
        diagnosis.unreadableMigrationNames,
      ].some((names) => names.length > 0)
    );
  };
  const expectAgreement = async (expected: boolean) => {
    expect(await applied()).toBe(expected);
    expect(await engineHasWork()).toBe(!expected);
  };

  beforeAll(async () => {
    backend = await makeBackend();
    dir = await mkdtemp(path.join(tmpdir(), 'history-applied-'));
    await writeMigration(dir, M1, await diffDatamodels(null, v1));
    await writeMigration(dir, M2, await diffDatamodels(v1, v2));
  });
  afterAll(async () => {
    await backend?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is false before anything is applied (no _prisma_migrations table)', async () => {
    await expectAgreement(false);
  });

  it('is true once the folder is applied', async () => {
    await applyPendingMigrations(options());
    await expectAgreement(true);
  });

  it('is false while a new migration is pending, true once it is applied', async () => {
    await writeMigration(dir, M3, await diffDatamodels(v2, v3));
    await expectAgreement(false);
    await applyPendingMigrations(options());
    await expectAgreement(true);
  });

  it('is false while an applied script is edited', async () => {
    const file = path.join(dir, M1, MIGRATION_SCRIPT_FILE);
    const original = await readFile(file, 'utf-8');
    await writeFile(file, `${original}\n-- edited\n`);
    try {
      await expectAgreement(false);
    } finally {
      await writeFile(file, original);
    }
    await expectAgreement(true);
  });

  it('is false after a failed migration, true once it is rolled back and removed', async () => {
    await writeMigration(dir, M4, 'SELEC nonsense;\n');
    await applyPendingMigrations(options()).catch(() => undefined);
    await rm(path.join(dir, M4), { recursive: true });
    // The failed row stays in the history: still false, as the engine still refuses.
    await expectAgreement(false);
    await backend.query(
      `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${M4}'`,
    );
    await expectAgreement(true);
  });

  it('is false when the database holds a migration the folder lacks', async () => {
    const script = await readFile(path.join(dir, M3, MIGRATION_SCRIPT_FILE), 'utf-8');
    await rm(path.join(dir, M3), { recursive: true });
    try {
      await expectAgreement(false);
    } finally {
      await writeMigration(dir, M3, script);
    }
    await expectAgreement(true);
  });
});
