// Requests/second and p50 latency of this service beside PostGraphile 4, on the same PostgreSQL
// tables, in one run: a page of 20 configurations with their Glue columns (`list20`), creating one
// Glue configuration (`create`) and `{ __typename }` (`trivial`, what the HTTP and GraphQL layers
// alone cost). Both servers run as separate processes on one scratch database of the local
// PostgreSQL, in production mode, with AUTH_DISABLED (neither side verifies a token) and no request
// logging; this process drives the load over loopback with keep-alive connections, interleaving
// rounds so that neither a busy phase of the machine nor going first favours one side.
//
// PostGraphile lives in bench/peer with its own package.json and node_modules: it needs graphql 15,
// and beside the project's graphql 16 every query fails with `Unexpected input type` (two copies of
// graphql's classes). Its server (postgraphile-server.mjs) runs with node from this folder, so it
// resolves only bench/peer/node_modules. Run: `npm run bench:peer` (installs this folder first).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { createScratchDatabase } from '../../test/support/postgres.js';
import { COMPILED, commandEnv } from '../../test/support/scratch-project.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = 3;
const WARM_UP_SECONDS = 1;
// The service's Prisma pool is pg's default of 10 connections (src/db/connect.ts sets no `max`);
// PostGraphile gets the same.
const POOL_SIZE = 10;
const peerFolder = path.join(projectRoot, 'bench', 'peer');

type Json = { data?: Record<string, unknown>; errors?: unknown };

interface Server {
  name: string;
  url: URL;
  agent: http.Agent;
  stop(): Promise<void>;
}

/** A port free now, so the service can be told one and polled (it logs its address only at info). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function post(server: Server, body: string): Promise<Json> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      server.url,
      {
        method: 'POST',
        agent: server.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode !== 200)
            return reject(new Error(`${server.name}: HTTP ${response.statusCode}: ${text}`));
          const json = JSON.parse(text) as Json;
          // Every answer is checked: a fast error is no result.
          if (json.errors) return reject(new Error(`${server.name}: ${text}`));
          resolve(json);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Runs `args` with node in `cwd` until `{ __typename }` answers on PORT, then hands it over. */
async function startServer(
  name: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the last output is kept, for the message should it fail.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Server = {
    name,
    url: new URL(`http://127.0.0.1:${port}/graphql`),
    agent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
    stop: async () => {
      server.agent.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited before serving:\n${output}`);
    try {
      await post(server, JSON.stringify({ query: '{ __typename }' }));
      return server;
    } catch (error) {
      if (performance.now() > deadline) {
        await server.stop();
        throw new Error(`${name} did not answer within 120 s (${String(error)}):\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The approach of bench/graphql-throughput.ts: four platforms, 200 configurations (50 a plugin). */
async function seed(service: Server): Promise<void> {
  const call = (query: string, variables: Record<string, unknown>) =>
    post(service, JSON.stringify({ query, variables }));
  const platforms = [
    ['snowflake', 'databases', 'database'],
    ['databricks', 'catalogs', 'catalog'],
    ['glue', 'databases', 'database'],
    ['redshift', 'databases', 'database'],
  ] as const;
  for (const [platform, setting] of platforms)
    await call(
      'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { platform } }',
      { input: { [platform]: { [setting]: ['sales'] } } },
    );
  for (let i = 0; i < 50; i += 1)
    for (const [platform, , container] of platforms) {
      const own = platform === 'glue' ? { databaseSuffix: `s${i}` } : { schema: `s${i}` };
      await call(
        'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }',
        { input: { [platform]: { [container]: 'sales', ...own } } },
      );
    }
}

// Each created configuration gets its own suffix, as a client's would differ.
let created = 0;
const nextSuffix = () => {
  created += 1;
  return `b${created}`;
};
const CASES = {
  list20: {
    service: () =>
      JSON.stringify({
        query:
          '{ dataOutputConfigurations(first: 20) { nodes { id plugin createdAt ... on GlueDataOutput { database table } } } }',
      }),
    // The service's order (src/store/data-output-store.ts); Glue columns through the generated
    // one-to-one relation (glue_data_outputs.id is its primary key and references the base row).
    peer: () =>
      JSON.stringify({
        query:
          '{ allDataOutputConfigurations(first: 20, orderBy: [CREATED_AT_DESC, ID_DESC]) { nodes { id plugin createdAt glueDataOutputById { database table } } } }',
      }),
  },
  // Documents with variables on both sides, so each server's parse/validate cache sees one query.
  create: {
    service: () =>
      JSON.stringify({
        query:
          'mutation($suffix: String!) { createDataOutputConfiguration(input: { glue: { database: "sales", databaseSuffix: $suffix } }) { id } }',
        variables: { suffix: nextSuffix() },
      }),
    // Two mutations, each its own transaction. The Glue columns are the ones the service stores
    // for that input (granularity schema, table *, path = database); updated_at has no column
    // default (Prisma's @updatedAt is set by its client), so this client sends it.
    peer: () =>
      JSON.stringify({
        query: `mutation($id: UUID!, $now: Datetime!, $suffix: String!) {
          base: createDataOutputConfiguration(input: { dataOutputConfiguration: { id: $id, plugin: "GlueDataOutput", updatedAt: $now } }) { dataOutputConfiguration { id } }
          glue: createGlueDataOutput(input: { glueDataOutput: { id: $id, database: "sales", databaseSuffix: $suffix, accessGranularity: "schema", table: "*", bucketIdentifier: "", databasePath: "sales", tablePath: "*" } }) { glueDataOutput { id } } }`,
        variables: {
          id: randomUUID(),
          now: new Date().toISOString(),
          suffix: nextSuffix(),
        },
      }),
  },
  trivial: {
    service: () => JSON.stringify({ query: '{ __typename }' }),
    peer: () => JSON.stringify({ query: '{ __typename }' }),
  },
};
type CaseName = keyof typeof CASES;
type Side = 'service' | 'peer';

async function measure(server: Server, body: () => string, seconds: number): Promise<number[]> {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      await post(server, body());
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

/** Both list20 answers hold a full page with the Glue columns, or timing them means nothing. */
async function checkList(servers: Record<Side, Server>): Promise<void> {
  type Node = { plugin: string; database?: string; glueDataOutputById?: { database: string } };
  type Page = { nodes: Node[] } | undefined;
  const service = await post(servers.service, CASES.list20.service());
  const peer = await post(servers.peer, CASES.list20.peer());
  const pages = {
    service: (service.data?.dataOutputConfigurations as Page)?.nodes ?? [],
    peer: (peer.data?.allDataOutputConfigurations as Page)?.nodes ?? [],
  };
  for (const [side, nodes] of Object.entries(pages)) {
    if (nodes.length !== 20) throw new Error(`${side}'s list20 returned ${nodes.length} nodes`);
    const glue = nodes.find((node) => node.plugin === 'GlueDataOutput');
    if ((glue?.database ?? glue?.glueDataOutputById?.database) !== 'sales')
      throw new Error(`${side}'s list20 lacks the Glue columns`);
  }
}

const versionOf = (folder: string, name: string): string =>
  (
    JSON.parse(readFileSync(path.join(folder, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const database = await createScratchDatabase('bench_peer');
const running: Server[] = [];
try {
  const service = await startServer('service', [...COMPILED], projectRoot, {
    ...commandEnv(),
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    AUTH_DISABLED: 'true',
    LOG_LEVEL: 'warn',
  });
  running.push(service);
  await seed(service);
  // After the service's start-up migrations, so PostGraphile introspects the tables.
  const peer = await startServer('PostGraphile', ['postgraphile-server.mjs'], peerFolder, {
    ...process.env,
    DATABASE_URL: database.url,
    NODE_ENV: 'production',
    POOL_SIZE: String(POOL_SIZE),
  });
  running.push(peer);
  const servers: Record<Side, Server> = { service, peer };
  await checkList(servers);

  const names = Object.keys(CASES) as CaseName[];
  const sides: Side[] = ['service', 'peer'];
  for (const name of names)
    for (const side of sides) await measure(servers[side], CASES[name][side], WARM_UP_SECONDS);
  const latencies = new Map<string, number[]>(
    names.flatMap((n) => sides.map((s): [string, number[]] => [`${n}/${s}`, []])),
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const [index, name] of order.entries()) {
      // Who goes first alternates too.
      const pair = (round + index) % 2 === 0 ? sides : [...sides].reverse();
      for (const side of pair)
        latencies
          .get(`${name}/${side}`)!
          .push(...(await measure(servers[side], CASES[name][side], SECONDS)));
    }
  }

  console.log(
    `This service (graphql ${versionOf(projectRoot, 'graphql')}, compiled dist/src/main.js) vs PostGraphile ${versionOf(peerFolder, 'postgraphile')} (graphql ${versionOf(peerFolder, 'graphql')}), same scratch database on local PostgreSQL`,
  );
  console.log(
    `Node ${process.version}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds x ${SECONDS}s per case per server, pg pool ${POOL_SIZE} on both`,
  );
  console.log(
    'Both NODE_ENV=production with no token verification (service AUTH_DISABLED=true) and no request log.',
  );
  console.log(
    "PostGraphile's create is two mutations in one request: two transactions, not one. list20 pages the newest rows, which grow with the create case.",
  );
  console.log('case      service req/s   peer req/s   ratio   service p50 ms   peer p50 ms');
  for (const name of names) {
    const of = (side: Side) => latencies.get(`${name}/${side}`)!.sort((a, b) => a - b);
    const rate = (side: Side) => of(side).length / (SECONDS * ROUNDS);
    console.log(
      `${name.padEnd(8)}  ${rate('service').toFixed(0).padStart(13)}   ${rate('peer').toFixed(0).padStart(10)}   ${(rate('service') / rate('peer')).toFixed(2).padStart(5)}   ${percentile(of('service'), 50).toFixed(2).padStart(14)}   ${percentile(of('peer'), 50).toFixed(2).padStart(11)}`,
    );
  }
} finally {
  await Promise.all(running.map((server) => server.stop()));
  await database.drop();
}
