import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import {
  COMPILED,
  commandEnv,
  type RunningService,
  startServiceProcess,
} from '../support/scratch-project.js';

// The cache probe of issue 10 (row 2) against the compiled service as a process, as it runs in
// production (dist/, which `npm test` builds first), reading its resident memory from /proc. On PostgreSQL: the embedded database alone takes about as much as the bound.
// Both blocks cap the heap at 160 MB, so anything that kept growing with requests would end the
// process (out of memory) rather than only raise its RSS: without a cap V8 lets garbage pile up
// well past what is live before it collects (RSS 400-600 MB for 60 MB live).

const MiB = 1024 * 1024;
const REQUESTS = 1000;
const FIELDS = 'name version platform displayName iconName parentPlatform notConfigured source';

/** Resident and peak resident memory of a process, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

function aliases(count: number, prefix: string): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}: plugins { ${FIELDS} }`).join(' ');
}

/** Sends `count` requests, four at a time, and returns every answer's status and first error. */
async function send(
  url: string,
  count: number,
  body: (i: number) => object,
): Promise<Array<{ status: number; code?: unknown; message?: string; data: boolean }>> {
  const answers: Array<{ status: number; code?: unknown; message?: string; data: boolean }> = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
        },
        body: JSON.stringify(body(i)),
      });
      const json = (await response.json()) as {
        data?: unknown;
        errors?: Array<{ message: string; extensions?: { code?: unknown } }>;
      };
      answers[i] = {
        status: response.status,
        code: json.errors?.[0]?.extensions?.code,
        message: json.errors?.[0]?.message,
        data: json.data != null,
      };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return answers;
}

/** The service as a process on a fresh PostgreSQL database, for the tests of one describe block. */
function serviceOnPostgres(extra: Record<string, string> = {}) {
  const running: { service?: RunningService; db?: ScratchDatabase } = {};
  beforeAll(async () => {
    running.db = await createScratchDatabase('portal_memory');
    running.service = await startServiceProcess(
      projectRoot,
      commandEnv({
        DATABASE_URL: running.db.url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...extra,
      }),
      120_000,
      COMPILED,
    );
  }, 180_000);
  afterAll(async () => {
    await running.service?.stop();
    await running.db?.drop();
  }, 60_000);
  return () => running.service as RunningService;
}

describe('the cache probe of issue 10, row 2, heap capped at 160 MB', { timeout: 600_000 }, () => {
  // Capped like the block below: a cache that kept what it saw (2.8 GB after 64 requests before)
  // would end the process, while garbage V8 has not yet collected on a busy machine cannot lift
  // the RSS past the bound (uncapped, one run here peaked at 500 MiB with nothing retained).
  const service = serviceOnPostgres({ NODE_OPTIONS: '--max-old-space-size=160' });

  it('refuses 10,000 aliases of plugins with a changing undeclared variable, 1,000 times, under 400 MB', async () => {
    const query = `query Probe { ${aliases(10_000, 'a')} }`;
    const answers = await send(service().url, REQUESTS, (i) => ({
      query,
      variables: { nonce: i },
    }));
    expect(new Set(answers.map((a) => `${a.status} ${a.code}`))).toEqual(
      new Set(['400 LIMIT_EXCEEDED']),
    );
    expect(answers[0]?.message).toBe(
      'Query refused: Token limit of 2000 exceeded (GRAPHQL_MAX_TOKENS).',
    );
    const { rss, peak } = await memoryOf(service().pid);
    expect(rss, `RSS ${(rss / MiB).toFixed(0)} MiB`).toBeLessThan(400 * MiB);
    expect(peak, `peak RSS ${(peak / MiB).toFixed(0)} MiB`).toBeLessThan(400 * MiB);
  });
});

describe('distinct cacheable queries within the limits, heap capped at 160 MB', {
  timeout: 600_000,
}, () => {
  const service = serviceOnPostgres({ NODE_OPTIONS: '--max-old-space-size=160' });

  it('answers 1,000 distinct queries of 30 aliases each, keeping what it caches bounded', async () => {
    const answers = await send(service().url, REQUESTS, (i) => ({
      query: `query Probe${i} { ${aliases(30, `q${i}_`)} }`,
      variables: { nonce: i },
    }));
    expect(answers.filter((a) => a.status !== 200 || !a.data || a.code)).toEqual([]);
    const { rss, peak } = await memoryOf(service().pid);
    expect(rss, `RSS ${(rss / MiB).toFixed(0)} MiB`).toBeLessThan(400 * MiB);
    expect(peak, `peak RSS ${(peak / MiB).toFixed(0)} MiB`).toBeLessThan(400 * MiB);
  });
});
