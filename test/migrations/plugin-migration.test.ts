import { cp, mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { migrationCreate } from '../../tools/migrations/create.js';

// `npm run migration:create -- --plugin <Name> [<change>]` on copies of real plugins, inside the
// project (so they resolve its zod and SDK) under the git-ignored .tmp/.

const S3_LAST = '20261127145943_s3_add_storage_class';
let work = '';

async function copyOf(from: string, name: string, skip: (file: string) => boolean = () => false) {
  const to = path.join(work, name);
  await cp(path.join(projectRoot, from), to, {
    recursive: true,
    filter: (file) => !file.includes('node_modules') && !file.includes('/dist') && !skip(file),
  });
  return to;
}

async function folders(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).sort();
}

/** Runs the command with ENABLED_PLUGINS naming the plugin module; resolves to its failure, if any. */
async function create(entry: string, ...args: string[]): Promise<string | undefined> {
  vi.stubEnv('ENABLED_PLUGINS', `./${path.relative(projectRoot, entry)}`);
  try {
    await migrationCreate(args);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

beforeAll(async () => {
  await mkdir(path.join(projectRoot, '.tmp'), { recursive: true });
  work = path.join(projectRoot, '.tmp', `plugin-migration-${process.pid}`);
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(work, { recursive: true, force: true });
  // .tmp/ itself only if nothing else uses it.
  await rmdir(path.join(projectRoot, '.tmp')).catch(() => {});
});

describe('migration:create --plugin, S3 1.0 -> 1.1 as the author guide walks it', () => {
  let s3 = '';
  beforeAll(async () => {
    // The package at 1.1.0 before its author wrote the storage class migration.
    s3 = await copyOf('plugins/s3', 's3', (file) => file.includes(S3_LAST));
    // plugins/s3 has moved past 1.1.0 (1.2.0 added no migration): put its version back.
    const index = path.join(s3, 'src/index.ts');
    const source = await readFile(index, 'utf8');
    await writeFile(index, source.replace(/version: '\d+\.\d+\.\d+'/, "version: '1.1.0'"));
  });

  it('refuses the change without a name, naming the last migration, and writes nothing', async () => {
    expect(await create(path.join(s3, 'src/index.ts'), '--plugin', 'S3DataOutput')).toBe(
      `${path.relative(projectRoot, s3)}/model.prisma changed since S3DataOutput's last migration, 20261126140000_s3_data_output. ` +
        'Name the change: `npm run migration:create -- --plugin S3DataOutput <change>`, e.g. add_storage_class. Nothing was written.',
    );
    expect(await folders(path.join(s3, 'migrations'))).toEqual(['20261126140000_s3_data_output']);
  });

  it("writes the migration the package ships, Prisma's SQL and the record of 1.1.0", async () => {
    expect(
      await create(path.join(s3, 'src/index.ts'), '--plugin', 'S3DataOutput', 'add_storage_class'),
    ).toBeUndefined();
    const [first, written, ...more] = await folders(path.join(s3, 'migrations'));
    expect([first, more]).toEqual(['20261126140000_s3_data_output', []]);
    expect(written).toMatch(/^\d{14}_s3_add_storage_class$/);
    const shipped = await readFile(
      path.join(projectRoot, 'plugins/s3/migrations', S3_LAST, 'migration.sql'),
      'utf8',
    );
    expect(
      await readFile(path.join(s3, 'migrations', written ?? '', 'migration.sql'), 'utf8'),
    ).toBe(shipped.replace(S3_LAST, written ?? ''));
  });

  it('writes nothing when the migrations already build the fragment', async () => {
    const before = await folders(path.join(s3, 'migrations'));
    expect(
      await create(path.join(s3, 'src/index.ts'), '--plugin', 'S3DataOutput', 'again'),
    ).toBeUndefined();
    expect(await folders(path.join(s3, 'migrations'))).toEqual(before);
  });
});

describe('migration:create --plugin, first and later migrations', () => {
  const VALID = 'test/fixtures/conformance/valid';
  const addNote = async (dir: string, version: string) => {
    const index = path.join(dir, 'index.ts');
    const source = await readFile(index, 'utf8');
    await writeFile(
      index,
      source
        .replace("version: '1.1.0'", `version: '${version}'`)
        .replace(
          '      fullPath: storedField(',
          "      note: storedField(z.string().default(''), { description: 'A note.' }),\n      fullPath: storedField(",
        ),
    );
    const model = path.join(dir, 'model.prisma');
    const fragment = await readFile(model, 'utf8');
    await writeFile(
      model,
      fragment.replace('  fullPath ', '  note String @default("")\n  fullPath '),
    );
  };

  it('writes the first migration, named after the plugin, creating its table', async () => {
    const fresh = await copyOf(VALID, 'fresh', (file) => file.includes('/migrations'));
    expect(await create(path.join(fresh, 'index.ts'), '--plugin', 'ConformanceDataOutput')).toBe(
      undefined,
    );
    const [first, ...more] = await folders(path.join(fresh, 'migrations'));
    expect(more).toEqual([]);
    expect(first).toMatch(/^\d{14}_conformance_data_output$/);
    const sql = await readFile(
      path.join(fresh, 'migrations', first ?? '', 'migration.sql'),
      'utf8',
    );
    expect(sql).toContain('CREATE TABLE "conformance_data_outputs"');
    expect(sql).toContain(`VALUES ('${first}', 'ConformanceDataOutput', '1.1.0')`);
  });

  it('refuses a version its earlier migrations recorded, and writes nothing', async () => {
    const same = await copyOf(VALID, 'same-version');
    await addNote(same, '1.1.0');
    const before = await folders(path.join(same, 'migrations'));
    expect(
      await create(path.join(same, 'index.ts'), '--plugin', 'ConformanceDataOutput', 'add_note'),
    ).toBe(
      `ConformanceDataOutput is at version 1.1.0, and its migration ${before[0]} was written for 1.1.0. ` +
        'A migration belongs to the release that ships it: raise `version` (in the definition, and in package.json for a package) first, then run this again. Nothing was written.',
    );
    expect(await folders(path.join(same, 'migrations'))).toEqual(before);
  });

  it('writes the next migration for a raised version: only the change, recorded with it', async () => {
    const bumped = await copyOf(VALID, 'bumped');
    await addNote(bumped, '1.2.0');
    expect(
      await create(path.join(bumped, 'index.ts'), '--plugin', 'ConformanceDataOutput', 'add_note'),
    ).toBeUndefined();
    const [, written] = await folders(path.join(bumped, 'migrations'));
    expect(written).toMatch(/^\d{14}_conformance_add_note$/);
    const sql = await readFile(
      path.join(bumped, 'migrations', written ?? '', 'migration.sql'),
      'utf8',
    );
    expect(sql).toContain(
      `ALTER TABLE "conformance_data_outputs" ADD COLUMN     "note" TEXT NOT NULL DEFAULT '';`,
    );
    expect(sql).not.toContain('CREATE TABLE');
    expect(sql).toContain(`VALUES ('${written}', 'ConformanceDataOutput', '1.2.0')`);
  });

  it('refuses a second migration for a plugin declaring one `migration` folder', async () => {
    expect(
      await create(
        path.join(projectRoot, 'test/fixtures/plugins/example/index.ts'),
        '--plugin',
        'ExampleDataOutput',
        'add_note',
      ),
    ).toBe(
      'Plugin ExampleDataOutput declares one migration folder (`migration`), so it cannot have another. ' +
        'Declare the folder that holds it instead, test/fixtures/plugins/example/migrations, as `migrations` ' +
        "(e.g. `migrations: new URL('./migrations/', import.meta.url)`), then run this again.",
    );
  });
});
