import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { connectDatabase } from '../../src/db/connect.js';
import { readMigrationsDir } from '../../src/db/migrations-dir.js';
import { loadEnv } from '../../src/env.js';
import { displayPath, paths } from '../../src/paths.js';
import { CommandFailure, loadToolRegistry } from '../command.js';
import { nextMigrationFolderName } from '../migrations/next-migration.js';
import { snakeCase } from '../migrations/plugin-history.js';
import { writeMigration } from '../migrations/write-migration.js';
import { buildState, staleFiles } from '../schema-build/build-state.js';
import { type RetirePlan, retirePlan } from './retire-plan.js';

const USAGE = 'Usage: npm run plugins:retire -- <PluginName> [--yes]';

/** Where the answer to "write it?" comes from: a terminal, unless `--yes` answered it. */
export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

interface RowCounts {
  /** Rows of the plugin's table; null when the database has no such table. */
  table: number | null;
  configurations: number;
}

/** What leaves the database the service would use (DATABASE_URL, else the PGlite folder). */
async function countRows(plan: RetirePlan): Promise<RowCounts & { database: string }> {
  const db = await connectDatabase(loadEnv());
  try {
    const exists = async (table: string) => {
      const [row] = await db.prisma.$queryRaw<Array<{ present: boolean }>>`
        SELECT to_regclass(${table}) IS NOT NULL AS present`;
      return row?.present === true;
    };
    const count = async (sql: string, ...values: unknown[]) => {
      const [row] = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(sql, ...values);
      return row?.n ?? 0;
    };
    const table = (await exists(plan.table))
      ? await count(`SELECT count(*)::int AS n FROM "${plan.table.replaceAll('"', '""')}"`)
      : null;
    const configurations = (await exists('data_output_configurations'))
      ? await count(
          'SELECT count(*)::int AS n FROM data_output_configurations WHERE plugin = $1',
          plan.pluginName,
        )
      : 0;
    return { table, configurations, database: db.description };
  } finally {
    await db.close();
  }
}

function retireSql(plan: RetirePlan): string {
  const name = `'${plan.pluginName.replaceAll("'", "''")}'`;
  return [
    `-- RetirePlugin: ${plan.pluginName} leaves the database: its configurations, its table, the record of its migrations`,
    `DELETE FROM "data_output_configurations" WHERE "plugin" = ${name};`,
    '',
    plan.dropSql.trim(),
    '',
    `DELETE FROM "plugin_migrations" WHERE "plugin" = ${name};`,
    '',
  ].join('\n');
}

async function confirmed(terminal: Terminal): Promise<boolean> {
  const prompt = createInterface({ input: terminal.input, output: terminal.output });
  try {
    const answer = await prompt.question('Write this migration? [y/N] ');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/**
 * `npm run plugins:retire -- <Name> [--yes]`: writes the migration that takes a plugin that is no
 * longer enabled out of the database: it deletes its configurations' base rows, drops its table
 * (Prisma's SQL) and its migration records. It first prints how many rows go in the database the
 * service would use and asks for confirmation; `--yes` answers for scripts.
 */
export async function pluginsRetire(
  args: readonly string[],
  terminal: Terminal = { input: process.stdin, output: process.stdout },
): Promise<number | undefined> {
  const yes = args.includes('--yes');
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--yes');
  const names = args.filter((arg) => !arg.startsWith('--'));
  const [name] = names;
  if (unknown.length > 0 || names.length !== 1 || name === undefined)
    throw new CommandFailure(USAGE);

  const registry = await loadToolRegistry();
  const enabled = registry.get(name);
  if (enabled) {
    const off = enabled.package
      ? `uninstall it (\`npm uninstall ${enabled.package.name}\`) or add it to EXCLUDED_PLUGIN_PACKAGES`
      : 'leave it out of ENABLED_PLUGINS';
    throw new CommandFailure(
      `Plugin ${name} is enabled (${enabled.source}): turn it off first (${off}), run \`npm run schema:build\`, then retire it.`,
    );
  }
  const stale = staleFiles(buildState(registry));
  if (stale.length > 0) {
    throw new CommandFailure(
      `Stale generated files: run \`npm run schema:build\` first, then this again.\n- ${stale.join('\n- ')}`,
    );
  }
  const plan = await retirePlan(name, registry);
  const rows = await countRows(plan);
  const inTable =
    rows.table === null ? `no table ${plan.table}` : `${rows.table} row(s) of ${plan.table}`;
  console.log(
    `Retiring ${name} (table ${plan.table}, known from ${plan.knownFrom}) deletes its configurations and drops its table.\n` +
      `In ${rows.database}: ${rows.configurations} configuration(s) of ${name} and ${inTable} go when the migration is applied.\n` +
      'Every database this history is deployed to loses them too. The migration:\n',
  );
  const sql = retireSql(plan);
  console.log(sql);
  if (!yes) {
    if (!terminal.input.isTTY) {
      throw new CommandFailure(
        'No terminal to confirm on: run it again with --yes to write the migration. Nothing was written.',
      );
    }
    if (!(await confirmed(terminal))) {
      console.log('Nothing written.');
      return 1;
    }
  }
  const existing = (await readMigrationsDir(paths.migrations)).migrationDirectories.map(
    (dir) => dir.path,
  );
  const folder = await writeMigration(
    paths.migrations,
    nextMigrationFolderName(`retire_${snakeCase(name)}`, existing),
    sql,
  );
  console.log(
    `Wrote ${displayPath(path.join(folder, 'migration.sql'))}. The service applies it at its next start ` +
      '(`npm run prisma -- migrate deploy` on PostgreSQL); `npm run migration:check` then passes without the plugin. Commit it.',
  );
  if (plan.otherLeftovers.length > 0) {
    console.log(
      `Tables of other plugins that are not enabled remain: ${plan.otherLeftovers.join(', ')}.`,
    );
  }
  return 0;
}
