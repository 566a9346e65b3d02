// Two service processes on one PostgreSQL database (a scratch database on the test server,
// TEST_POSTGRES_URL or the local one), as behind a load balancer:
// - how long after an operator's configurePlatform answers through A the form served by B
//   offers the new option (the NOTIFY's trip), and whether a create through B right after the
//   configure through A is accepted;
// - creates per second through one instance, and spread over both.
// Bounded: a fixed number of rounds and a few seconds per load run; everything is stopped after.
import { startInstances } from '../test/support/instances.js';
import { createScratchDatabase } from '../test/support/postgres.js';
import type { RunningService } from '../test/support/scratch-project.js';
import { graphqlAt } from '../test/support/stored-rows.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const PROPAGATION_ROUNDS = 20;

const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { configured } }';
const CREATE =
  'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }';
const FORM = '{ pluginForm(name: "GlueDataOutput") { elements { name options { value } } } }';

async function call(instance: RunningService, query: string, variables?: Record<string, unknown>) {
  const answer = await graphqlAt(instance.url, query, variables);
  if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

async function offers(instance: RunningService, option: string): Promise<boolean> {
  const data = (await call(instance, FORM)) as {
    pluginForm: { elements: Array<{ name: string; options: Array<{ value: string }> }> };
  };
  const database = data.pluginForm.elements.find((e) => e.name === 'database');
  return database?.options.some((o) => o.value === option) ?? false;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Creates for SECONDS with CONCURRENCY workers, the i-th request through targets[i % n]. */
async function creates(targets: RunningService[], label: string) {
  const deadline = performance.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = next++;
      const target = targets[n % targets.length] as RunningService;
      const start = performance.now();
      await call(target, CREATE, {
        input: { glue: { database: 'sales', databaseSuffix: `${label}_${n}` } },
      });
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const sorted = latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(24)} ${(latencies.length / SECONDS).toFixed(0).padStart(6)}   ${percentile(sorted, 50).toFixed(2).padStart(6)}   ${percentile(sorted, 99).toFixed(2).padStart(6)}`,
  );
}

const db = await createScratchDatabase('bench_instances');
try {
  // An hour-long age limit: only the notifications can make the two agree.
  const instances = await startInstances(2, db.url, {
    env: { PLATFORM_SETTINGS_MAX_AGE_SECONDS: '3600' },
  });
  const [a, b] = [instances.at(0), instances.at(1)];
  try {
    await call(a, CONFIGURE, { input: { glue: { databases: ['sales'] } } });
    await offers(b, 'sales');
    const delays: number[] = [];
    let accepted = 0;
    for (let round = 0; round < PROPAGATION_ROUNDS; round += 1) {
      const option = `added_${round}`;
      await call(a, CONFIGURE, { input: { glue: { databases: ['sales', option] } } });
      const answered = performance.now();
      // Through B at once: its check reads the settings in the create's own transaction.
      const created = await graphqlAt(b.url, CREATE, {
        input: { glue: { database: option, databaseSuffix: `at_once_${round}` } },
      });
      if (!created.errors) accepted += 1;
      while (!(await offers(b, option))) {
        if (performance.now() - answered > 10_000) throw new Error(`B never offered ${option}`);
      }
      delays.push(performance.now() - answered);
    }
    const sorted = delays.sort((x, y) => x - y);
    console.log(`two instances on one PostgreSQL database, Node ${process.version}`);
    console.log(
      `configure through A, then create through B at once: ${accepted}/${PROPAGATION_ROUNDS} accepted`,
    );
    console.log(
      `B's form offers the new option after A's answer: p50 ${percentile(sorted, 50).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms (${PROPAGATION_ROUNDS} rounds; the time includes the create through B and B’s form queries)`,
    );
    console.log(`\ncreates, concurrency ${CONCURRENCY}, ${SECONDS}s each`);
    console.log('run                       req/s   p50 ms   p99 ms');
    await creates([a], 'through A only');
    await creates([a, b], 'spread over A and B');
  } finally {
    await instances.stop();
  }
} finally {
  await db.drop();
}
