// How the time of one page of 20 configurations grows with the table: 200 to 100,000 stored rows
// (half Glue, half Snowflake, written straight in SQL), on embedded PGlite (in memory) and on
// PostgreSQL (a scratch database), each size in a new database. Each is timed twice: on tables
// without planner statistics (PGlite has no autovacuum; on PostgreSQL, tables that just grew) and
// after ANALYZE. One request at a time, median of BENCH_PAGES pages; the service runs in this
// process, so the rows can be written through its own database connection.
import { loadEnv } from '../src/env.js';
import { type Service, startService } from '../src/service.js';
import { createScratchDatabase } from '../test/support/postgres.js';
import { BACKENDS } from './support/http-load.js';

const SIZES = (process.env.BENCH_ROWS ?? '200,2000,20000,100000').split(',').map(Number);
const PAGES = Number(process.env.BENCH_PAGES ?? 25);

const QUERIES = {
  'glue fields':
    '{ dataOutputConfigurations(first: 20) { nodes { id ... on GlueDataOutput { database table } } } }',
  'shared fields': '{ dataOutputConfigurations(first: 20) { nodes { id plugin createdAt } } }',
};

const PLUGINS = [
  { plugin: 'GlueDataOutput', table: 'glue_data_outputs', own: 'database_suffix' },
  { plugin: 'SnowflakeDataOutput', table: 'snowflake_data_outputs', own: 'schema' },
];

/** Adds `count` whole configurations, older than those already there. */
async function addRows(service: Service, from: number, count: number): Promise<void> {
  const prisma = service.db.prisma;
  for (const { plugin, table, own } of PLUGINS) {
    const ids = `generate_series(${from}, ${from + count / 2 - 1}) g`;
    const id = `md5('${plugin}' || g)::uuid`;
    await prisma.$executeRawUnsafe(
      `INSERT INTO data_output_configurations (id, plugin, created_at, updated_at)
       SELECT ${id}, '${plugin}', now() - g * interval '1 second', now() FROM ${ids}`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${table} (id, database, ${own}, access_granularity, "table", bucket_identifier, database_path, table_path)
       SELECT ${id}, 'sales', 's' || g, 'table', 't' || g, 'bucket', 'sales', 'sales.t' || g FROM ${ids}`,
    );
  }
}

async function medianPageMs(service: Service, query: string): Promise<number> {
  const times: number[] = [];
  // The first pages also compile the code paths; they are not timed.
  for (let i = -3; i < PAGES; i += 1) {
    const start = performance.now();
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const answer = (await response.json()) as { errors?: unknown };
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    if (i >= 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function startOn(databaseUrl?: string): Promise<Service> {
  return startService(
    loadEnv({
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: 'memory://' }),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      AUTH_DISABLED: 'true',
    }),
  );
}

async function everAnalyzed(service: Service): Promise<boolean> {
  const [row] = await service.db.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(
    'SELECT count(*) AS n FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL',
  );
  return Number(row?.n) > 0;
}

/** One size on a new database: its pages before any statistics, then after ANALYZE. */
async function measureSize(size: number, database: () => Promise<string | undefined>) {
  const service = await startOn(await database());
  try {
    await addRows(service, 1, size);
    const names = Object.keys(QUERIES) as Array<keyof typeof QUERIES>;
    const fresh: string[] = [];
    for (const name of names) fresh.push((await medianPageMs(service, QUERIES[name])).toFixed(1));
    // Autovacuum (PostgreSQL) or the service's upkeep (PGlite) may have been quicker.
    const mark = (await everAnalyzed(service)) ? '*' : '';
    await service.db.prisma.$executeRawUnsafe('ANALYZE');
    const analyzed: string[] = [];
    for (const name of names)
      analyzed.push((await medianPageMs(service, QUERIES[name])).toFixed(1));
    return [...fresh.map((ms) => `${ms}${mark}`), ...analyzed];
  } finally {
    await service.close();
  }
}

async function measureOn(label: string, database: () => Promise<string | undefined>) {
  const names = Object.keys(QUERIES);
  console.log(`\n${label}: one page of 20, median ms of ${PAGES}`);
  console.log(
    `${'rows'.padStart(7)}${[...names.map((n) => `${n}, no stats`), ...names.map((n) => `${n}, analyzed`)].map((h) => h.padStart(25)).join('')}`,
  );
  for (const size of SIZES) {
    const cells = await measureSize(size, database);
    console.log(`${String(size).padStart(7)}${cells.map((c) => c.padStart(25)).join('')}`);
  }
}

if (BACKENDS.includes('pglite'))
  await measureOn('embedded PGlite (in memory)', async () => undefined);
if (BACKENDS.includes('postgres')) {
  const scratch: Array<{ drop: () => Promise<void> }> = [];
  try {
    await measureOn('PostgreSQL', async () => {
      const db = await createScratchDatabase('bench_list_size');
      scratch.push(db);
      return db.url;
    });
  } finally {
    for (const db of scratch) await db.drop();
  }
}
console.log('\n* statistics were gathered before this size was timed (autovacuum, or the upkeep)');
