// Requests/second of `plugins`, `pluginForm`, a page of 20 configurations and `{ __typename }`,
// side by side in one run, on embedded PGlite (in memory) and on PostgreSQL (a scratch database on
// the test server, TEST_POSTGRES_URL or the local one). BENCH_BACKENDS=pglite or =postgres runs
// one; BENCH_QUERIES=list20 a subset (trivial always runs: it is the reference).
// As in production: every request carries a bearer token the service verifies and is logged as a
// JSON line. Bounded: a few seconds a query.
import { createScratchDatabase } from '../test/support/postgres.js';
import {
  BACKENDS,
  CONCURRENCY,
  call,
  closeAgent,
  interleaved,
  type Run,
  row,
  SECONDS,
  startServer,
  timed,
} from './support/http-load.js';
import { configurePlatforms, seedConfigurations } from './support/seed.js';

const ROUNDS = 3;

const QUERIES = {
  trivial: '{ __typename }',
  plugins:
    '{ plugins { name version platform displayName iconName parentPlatform notConfigured source } }',
  pluginForm:
    '{ pluginForm(name: "GlueDataOutput") { name inputTypeName elements { name label type required tooltip initialValue options { label value } dependsOn { field value } } } }',
  // A page of 20 stored configurations (of 200 seeded, over the four plugin tables).
  list20:
    '{ dataOutputConfigurations(first: 20) { nodes { id plugin createdAt ... on GlueDataOutput { database table } ... on SnowflakeDataOutput { database schema } } pageInfo { endCursor } } }',
};
type QueryName = keyof typeof QUERIES;

const only = process.env.BENCH_QUERIES?.split(',').map((n) => n.trim());
const names = (Object.keys(QUERIES) as QueryName[]).filter(
  (n) => n === 'trivial' || !only || only.includes(n),
);

async function measureOn(label: string, databaseUrl?: string): Promise<void> {
  const server = await startServer(databaseUrl);
  try {
    await configurePlatforms(server.url);
    await seedConfigurations(server.url);
    const cases = Object.fromEntries(
      names.map((name) => [
        name,
        (seconds: number) => timed(seconds, () => call(server.url, QUERIES[name])),
      ]),
    ) as Record<QueryName, (seconds: number) => Promise<Run>>;
    const totals = await interleaved(cases, ROUNDS);
    const seconds = SECONDS * ROUNDS;
    const reference = (totals.get('trivial') as Run).count / seconds;
    console.log(`\n${label}`);
    console.log('query           req/s   vs trivial   p50 ms   p99 ms');
    for (const name of names) console.log(row(name, totals.get(name) as Run, seconds, reference));
  } finally {
    server.stop();
  }
}

console.log(
  `concurrency ${CONCURRENCY}, ${ROUNDS} rounds x ${SECONDS}s per query, Node ${process.version}`,
);
try {
  if (BACKENDS.includes('pglite')) await measureOn('embedded PGlite (in memory)');
  if (BACKENDS.includes('postgres')) {
    const db = await createScratchDatabase('bench_throughput');
    try {
      await measureOn('PostgreSQL', db.url);
    } finally {
      await db.drop();
    }
  }
} finally {
  closeAgent();
}
