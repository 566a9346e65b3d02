import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_FILE, MIGRATION_SCRIPT_FILE } from '../../src/db/migrations-dir.js';
import { diffDatamodels } from '../../tools/migrations/diff.js';
import { checkMigrationDrift } from '../../tools/migrations/drift.js';
import {
  createNextMigration,
  nextMigrationFolderName,
} from '../../tools/migrations/next-migration.js';
import { writeMigration } from '../../tools/migrations/write-migration.js';
import { folders, M1, scratch, v1, v2 } from '../support/fixture-schemas.js';

const tmp = scratch();
let shadow: PGlite;
const at = new Date('2025-02-01T10:20:30.456Z');

beforeAll(async () => {
  shadow = await tmp.shadow();
});
afterAll(() => tmp.cleanup());

describe('createNextMigration', () => {
  it('writes the migration whose SQL, applied after the history, removes the drift', async () => {
    const dir = await tmp.dir();
    await writeMigration(dir, M1, await diffDatamodels(null, v1));
    expect(
      (await checkMigrationDrift({ migrationsDir: dir, schema: v2, shadowDatabase: shadow })).drift,
    ).toBe(true);

    const next = await createNextMigration({
      migrationsDir: dir,
      schema: v2,
      name: 'add child',
      at,
      shadowDatabase: shadow,
    });
    expect(next.historyLength).toBe(1);
    expect(next.folder).toBe(path.join(dir, '20250201102030_add_child'));
    const written = await readFile(
      path.join(dir, '20250201102030_add_child', MIGRATION_SCRIPT_FILE),
      'utf8',
    );
    expect(written).toBe(next.script);
    expect(written).toContain('CREATE TABLE "Child"');
    expect(written).not.toContain('CREATE TABLE "Parent"');

    const after = await checkMigrationDrift({
      migrationsDir: dir,
      schema: v2,
      shadowDatabase: shadow,
    });
    expect(after).toMatchObject({ migrationNames: [M1, '20250201102030_add_child'], drift: false });
  });

  it('writes nothing when the history already produces the schema', async () => {
    const dir = await tmp.dir();
    await writeMigration(dir, M1, await diffDatamodels(null, v1));
    const next = await createNextMigration({
      migrationsDir: dir,
      schema: v1,
      name: 'nothing',
      at,
      shadowDatabase: shadow,
    });
    expect(next.folder).toBeUndefined();
    expect(await folders(dir)).toEqual([M1]);
  });

  it('writes the first migration, and the lock file, from an empty history', async () => {
    const dir = await tmp.dir();
    const next = await createNextMigration({
      migrationsDir: dir,
      schema: v1,
      name: 'init',
      at,
      shadowDatabase: shadow,
    });
    expect(next).toMatchObject({ historyLength: 0, folder: path.join(dir, '20250201102030_init') });
    expect(next.script).toContain('CREATE TABLE "Parent"');
    expect(await readFile(path.join(dir, MIGRATION_LOCK_FILE), 'utf8')).toContain(
      'provider = "postgresql"',
    );
    expect(
      (await checkMigrationDrift({ migrationsDir: dir, schema: v1, shadowDatabase: shadow })).drift,
    ).toBe(false);
  });

  it('refuses a name without letters or digits and writes nothing', async () => {
    const dir = await tmp.dir();
    await expect(
      createNextMigration({ migrationsDir: dir, schema: v1, name: '--', at }),
    ).rejects.toThrow(
      'Migration name "--" has no letter or digit: name what it does, e.g. `npm run migration:create -- add_owner`.',
    );
    expect(existsSync(path.join(dir, MIGRATION_LOCK_FILE))).toBe(false);
  });
});

describe('nextMigrationFolderName', () => {
  it('stamps the folder with the time, in UTC', () => {
    expect(nextMigrationFolderName('add owner', [M1], at)).toBe('20250201102030_add_owner');
  });

  it('sorts after the newest folder even when the clock is behind it', () => {
    expect(nextMigrationFolderName('late', ['20250201102030_same_second'], at)).toBe(
      '20250201102031_late',
    );
    expect(nextMigrationFolderName('late', [M1, '20991231235959_future', 'notes'], at)).toBe(
      '21000101000000_late',
    );
  });
});
