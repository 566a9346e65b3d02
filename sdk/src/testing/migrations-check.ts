import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { DataOutputPlugin } from '../define-plugin.js';
import { MIGRATION_SQL, pluginMigrations } from '../migrations.js';
import type { Model } from '../rules/fragment.js';
import { CONTRACT_BASE_SQL } from './contract-base.js';

// The plugin's migrations, applied in order to an in-memory PostgreSQL (`@electric-sql/pglite`, an
// optional peer of this entry) holding the tables of the contract: they must apply, create the
// table the fragment maps with its columns, and record plugin versions that fit the plugin.

const ENGINE = '@electric-sql/pglite';

// initdb takes seconds on a small machine: it runs once per process, and each later check starts
// from a copy of that empty data directory (about 1 s).
let emptyDataDir: Promise<Blob> | undefined;

async function newEmptyDatabase(engine: typeof PGlite): Promise<PGlite> {
  emptyDataDir ??= (async () => {
    const db = await engine.create();
    try {
      return await db.dumpDataDir('none');
    } finally {
      await db.close();
    }
  })();
  try {
    return await engine.create({ loadDataDir: await emptyDataDir });
  } catch (error) {
    emptyDataDir = undefined;
    throw error;
  }
}

async function openDatabase(): Promise<PGlite | string> {
  let engine: typeof PGlite;
  try {
    ({ PGlite: engine } = await import(ENGINE));
  } catch {
    return `cannot check the migrations: install ${ENGINE} (an optional peer dependency of @data-product-portal/plugin-sdk/testing) as a dev dependency.`;
  }
  return newEmptyDatabase(engine);
}

interface Column {
  column_name: string;
  is_nullable: 'YES' | 'NO';
}
interface Recorded {
  migration_name: string;
  plugin: string;
  plugin_version: string;
}

const NUMBERS = /^(\d+)\.(\d+)\.(\d+)/;
/** Compares release numbers only (MAJOR.MINOR.PATCH); enough to order a plugin's own versions. */
function compareVersions(a: string, b: string): number {
  const [, ...x] = NUMBERS.exec(a) ?? [];
  const [, ...y] = NUMBERS.exec(b) ?? [];
  for (const i of [0, 1, 2]) {
    const diff = Number(x[i] ?? 0) - Number(y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

async function tableProblems(db: PGlite, model: Model): Promise<string[]> {
  const table = model.dbName ?? model.name;
  const { rows } = await db.query<Column>(
    `SELECT column_name, is_nullable FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  if (rows.length === 0)
    return [`its migrations do not create table ${table} (model ${model.name}).`];
  const problems: string[] = [];
  const created = new Map(rows.map((row) => [row.column_name, row.is_nullable === 'YES']));
  const scalars = model.fields.filter((f) => f.kind !== 'object');
  const expected = new Set<string>();
  for (const field of scalars) {
    const column = field.dbName ?? field.name;
    const optional = field.isRequired === false;
    expected.add(column);
    const nullable = created.get(column);
    if (nullable === undefined)
      problems.push(
        `its migrations create no column ${table}.${column} (field \`${field.name}\`).`,
      );
    else if (nullable !== optional)
      problems.push(
        `column ${table}.${column} is ${nullable ? 'NULL-able' : 'NOT NULL'}, but field \`${field.name}\` is ${optional ? 'optional' : 'required'} in the fragment.`,
      );
  }
  for (const column of created.keys())
    if (!expected.has(column))
      problems.push(`its migrations create column ${table}.${column}, which the fragment lacks.`);
  const { rows: keys } = await db.query<{ target: string; cascade: boolean }>(
    `SELECT confrelid::regclass::text AS target, confdeltype = 'c' AS cascade FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = 'f'`,
    [`"${table}"`],
  );
  if (!keys.some((key) => key.target === 'data_output_configurations' && key.cascade))
    problems.push(
      `table ${table} has no foreign key to data_output_configurations that deletes in cascade.`,
    );
  return problems;
}

function recordProblems(plugin: DataOutputPlugin, names: string[], rows: Recorded[]): string[] {
  const problems: string[] = [];
  let previous: Recorded | undefined;
  for (const row of rows) {
    const at = `migration ${row.migration_name} records`;
    if (row.plugin !== plugin.name)
      problems.push(
        `${at} plugin ${row.plugin}, not ${plugin.name}: write it with \`npm run migration:create -- --plugin ${plugin.name} <change>\`.`,
      );
    if (!names.includes(row.migration_name))
      problems.push(
        `${at} itself under a name that is none of its folders (${names.join(', ')}); was its folder renamed?`,
      );
    if (compareVersions(row.plugin_version, plugin.version) > 0)
      problems.push(
        `${at} version ${row.plugin_version}, newer than the plugin's ${plugin.version}: raise the plugin's version to the release that ships it.`,
      );
    if (previous && compareVersions(row.plugin_version, previous.plugin_version) < 0)
      problems.push(
        `${at} version ${row.plugin_version}, older than ${previous.plugin_version} recorded by ${previous.migration_name} before it.`,
      );
    previous = row;
  }
  return problems;
}

/** Applies the plugin's migrations in order and checks what they build against `model`. */
export async function migrationsCheck(
  plugin: DataOutputPlugin,
  model: Model | undefined,
): Promise<string[]> {
  const migrations = pluginMigrations(plugin);
  if (migrations.length === 0)
    return [
      `has no migration: run \`npm run migration:create -- --plugin ${plugin.name}\` in the service.`,
    ];
  const missing = migrations.filter((m) => !existsSync(path.join(m.dir, MIGRATION_SQL)));
  if (missing.length > 0) return missing.map((m) => `migration ${m.name} has no ${MIGRATION_SQL}.`);
  const db = await openDatabase();
  if (typeof db === 'string') return [db];
  try {
    await db.exec(CONTRACT_BASE_SQL);
    for (const migration of migrations) {
      try {
        await db.exec(readFileSync(path.join(migration.dir, MIGRATION_SQL), 'utf8'));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return [`migration ${migration.name} does not apply after the ones before it: ${reason}.`];
      }
    }
    const { rows } = await db.query<Recorded>(
      'SELECT migration_name, plugin, plugin_version FROM plugin_migrations ORDER BY migration_name',
    );
    return [
      ...(model ? await tableProblems(db, model) : []),
      ...recordProblems(
        plugin,
        migrations.map((m) => m.name),
        rows,
      ),
    ];
  } finally {
    await db.close();
  }
}
