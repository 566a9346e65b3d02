// The load side of the benches: the service in its own process (so client and server do not share
// an event loop), node:http keep-alive requests carrying a verified bearer token, timed runs.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { SignJWT } from 'jose';
import { projectRoot } from '../../src/paths.js';

export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Which databases a bench runs on: BENCH_BACKENDS=pglite or =postgres picks one. */
export const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres')
  .split(',')
  .map((b) => b.trim());

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

export interface Server {
  url: URL;
  stop: () => void;
}

/**
 * The service as in production (every request's token verified, one JSON log line per request),
 * on embedded PGlite in memory or, with `databaseUrl`, on that PostgreSQL database; `env` changes
 * settings. `entry` runs another server that logs its address the same way.
 */
export async function startServer(
  databaseUrl?: string,
  env: Record<string, string> = {},
  entry = 'src/main.ts',
): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: 'memory://' }),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      // AUTH_DISABLED=true in `env` turns verification off, which the service refuses beside these.
      ...(env.AUTH_DISABLED === 'true'
        ? {}
        : {
            AUTH_ISSUER: ISSUER,
            AUTH_AUDIENCE: AUDIENCE,
            AUTH_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          }),
      ...env,
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
    // The address is logged at info: a server that never logs it must not hang the bench.
    setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${entry} did not log its address within 120 s:\n${output}`));
    }, 120_000).unref();
  });
  return { url: new URL(url), stop: () => child.kill('SIGTERM') };
}

// Lighter on the client than fetch, so more of the machine's two cores goes to the service.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

export function post(url: URL, body: string, retry = true): Promise<string> {
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
    request.on('error', (error: NodeJS.ErrnoException) => {
      // The server closed a keep-alive socket that sat idle (e.g. while a bench case ran without
      // HTTP) just as it was reused: send again once, on a new socket (Node's documented remedy).
      if (retry && request.reusedSocket && error.code === 'ECONNRESET')
        post(url, body, false).then(resolve, reject);
      else reject(error);
    });
    request.end(body);
  });
}

/** Posts an operation and fails on any GraphQL error. */
export async function call(url: URL, query: string, variables?: Record<string, unknown>) {
  const text = await post(url, JSON.stringify({ query, variables }));
  if (text.includes('"errors"')) throw new Error(`${query}: ${text}`);
  return text;
}

export interface Run {
  count: number;
  latencies: number[];
}

/** Runs `work` back to back in CONCURRENCY workers for `seconds`; each call's n is unique. */
export async function timed(seconds: number, work: (n: number) => Promise<unknown>): Promise<Run> {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      await work(next++);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { count: latencies.length, latencies };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Interleaved rounds, rotating the order, so neither a slow phase of the machine nor going first
 * favours one case; returns every case's runs merged.
 */
export async function interleaved<K extends string>(
  cases: Record<K, (seconds: number) => Promise<Run>>,
  rounds: number,
): Promise<Map<K, Run>> {
  const names = Object.keys(cases) as K[];
  for (const name of names) await cases[name](0.5); // warm-up
  const totals = new Map<K, Run>(names.map((n) => [n, { count: 0, latencies: [] }]));
  for (let round = 0; round < rounds; round += 1) {
    for (const name of [
      ...names.slice(round % names.length),
      ...names.slice(0, round % names.length),
    ]) {
      const run = await cases[name](SECONDS);
      const total = totals.get(name) as Run;
      total.count += run.count;
      total.latencies.push(...run.latencies);
    }
  }
  return totals;
}

/** One printed row: rate, its ratio to a reference rate, p50 and p99. */
export function row(name: string, run: Run, seconds: number, reference: number): string {
  const rate = run.count / seconds;
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return `${name.padEnd(14)} ${rate.toFixed(0).padStart(6)}   ${`${((rate / reference) * 100).toFixed(1)}%`.padStart(9)}   ${percentile(sorted, 50).toFixed(2).padStart(6)}   ${percentile(sorted, 99).toFixed(2).padStart(6)}`;
}

export function closeAgent(): void {
  agent.destroy();
}
