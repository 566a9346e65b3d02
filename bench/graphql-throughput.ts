// Requests/second of `plugins`, `pluginForm` and `{ __typename }`, side by side in one run.
// The service runs in its own process (embedded PGlite in memory) and this process drives the load
// over loopback, so client and server do not share an event loop. Bounded: a few seconds a query.
// As in production: every request carries a bearer token the service verifies (ES256, a key pair
// made here) and is logged as a JSON line.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { SignJWT } from 'jose';
import { projectRoot } from '../src/paths.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = 3;

const QUERIES = {
  trivial: '{ __typename }',
  plugins:
    '{ plugins { name version platform displayName iconName parentPlatform notConfigured source } }',
  pluginForm:
    '{ pluginForm(name: "GlueDataOutput") { name inputTypeName elements { name label type required tooltip initialValue options { label value } dependsOn { field value } } } }',
  // A page of 20 stored configurations (of 200 seeded, over the four plugin tables): database work per request.
  list20:
    '{ dataOutputConfigurations(first: 20) { nodes { id plugin createdAt ... on GlueDataOutput { database table } ... on SnowflakeDataOutput { database schema } } pageInfo { endCursor } } }',
};
type QueryName = keyof typeof QUERIES;

const ISSUER = 'http://localhost/bench-issuer';
const AUDIENCE = 'data-product-portal';
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const token = await new SignJWT({ roles: ['admin'] })
  .setProtectedHeader({ alg: 'ES256' })
  .setIssuer(ISSUER)
  .setAudience(AUDIENCE)
  .setSubject('bench')
  .setExpirationTime('1h')
  .sign(keys.privateKey);

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PGLITE_DIR: 'memory://',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Serving GraphQL at (http:\/\/[^\s"]+)/.exec(output);
      if (match?.[1]) {
        // From here on its request lines are read and dropped, not kept.
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`service exited with ${code}:\n${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

// node:http with a keep-alive agent: lighter on the client than fetch, so more of the machine's
// two cores goes to the service under test.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: URL, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(text)
            : reject(new Error(`HTTP ${response.statusCode}: ${text}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function measure(
  url: string,
  query: string,
  seconds: number,
): Promise<{ count: number; latencies: number[] }> {
  const body = JSON.stringify({ query });
  const target = new URL(url);
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      const text = await post(target, body);
      if (text.includes('"errors"')) throw new Error(`query failed: ${text}`);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { count: latencies.length, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** 200 configurations, 50 per plugin, through the API as a client would store them. */
async function seed(url: string): Promise<void> {
  const target = new URL(url);
  const call = async (query: string, variables: Record<string, unknown>) => {
    const text = await post(target, JSON.stringify({ query, variables }));
    if (text.includes('"errors"')) throw new Error(`seeding failed: ${text}`);
  };
  const platforms = {
    snowflake: 'databases',
    databricks: 'catalogs',
    glue: 'databases',
    redshift: 'databases',
  } as const;
  for (const [platform, setting] of Object.entries(platforms)) {
    await call(
      'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { platform } }',
      {
        input: { [platform]: { [setting]: ['sales'] } },
      },
    );
  }
  const container = {
    snowflake: 'database',
    databricks: 'catalog',
    glue: 'database',
    redshift: 'database',
  } as const;
  for (let i = 0; i < 50; i += 1) {
    for (const [platform, field] of Object.entries(container)) {
      const own = platform === 'glue' ? { databaseSuffix: `s${i}` } : { schema: `s${i}` };
      await call(
        'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }',
        {
          input: { [platform]: { [field]: 'sales', ...own } },
        },
      );
    }
  }
}

const server = await startServer();
try {
  await seed(server.url);
  // BENCH_QUERIES=plugins,pluginForm runs a subset (trivial always runs: it is the reference).
  const only = process.env.BENCH_QUERIES?.split(',').map((n) => n.trim());
  const names = (Object.keys(QUERIES) as QueryName[]).filter(
    (n) => n === 'trivial' || !only || only.includes(n),
  );
  for (const name of names) await measure(server.url, QUERIES[name], 0.5); // warm-up
  const totals = new Map<QueryName, { count: number; latencies: number[] }>(
    names.map((n) => [n, { count: 0, latencies: [] }]),
  );
  // Interleave rounds, rotating the order, so neither a slow phase of the machine nor going first
  // favours one query.
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of [
      ...names.slice(round % names.length),
      ...names.slice(0, round % names.length),
    ]) {
      const result = await measure(server.url, QUERIES[name], SECONDS);
      const total = totals.get(name)!;
      total.count += result.count;
      total.latencies.push(...result.latencies);
    }
  }
  const rate = (name: QueryName) => totals.get(name)!.count / (SECONDS * ROUNDS);
  console.log(
    `concurrency ${CONCURRENCY}, ${ROUNDS} rounds x ${SECONDS}s per query, Node ${process.version}`,
  );
  console.log('query        req/s   vs trivial   p50 ms   p99 ms');
  for (const name of names) {
    const sorted = [...totals.get(name)!.latencies].sort((a, b) => a - b);
    const ratio = ((rate(name) / rate('trivial')) * 100).toFixed(1);
    console.log(
      `${name.padEnd(11)} ${rate(name).toFixed(0).padStart(6)}   ${`${ratio}%`.padStart(10)}   ${percentile(sorted, 50).toFixed(2).padStart(6)}   ${percentile(sorted, 99).toFixed(2).padStart(6)}`,
    );
  }
} finally {
  agent.destroy();
  server.stop();
}
