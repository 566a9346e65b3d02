import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import {
  commandEnv,
  type RunningService,
  startServiceProcess,
} from '../support/scratch-project.js';
import { waitFor } from '../support/wait-for.js';

// SIGTERM sent to `npm start` (the compiled service, as deployed): the server stops accepting,
// finishes what is in flight up to SHUTDOWN_TIMEOUT_MS, closes the database and exits 0, and no
// process is left serving. A request is held in flight by a table lock the test takes on PostgreSQL.

const CREATE = JSON.stringify({
  query:
    'mutation { createDataOutputConfiguration(input: { glue: { database: "sales", databaseSuffix: "in_flight" } }) { plugin } }',
});

/** POSTs over a fresh connection; resolves to status and body, or to the socket's error. */
function postRaw(url: string, body: string): Promise<{ status: number; body: string } | Error> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', resolve);
      },
    );
    req.on('error', resolve);
    req.end(body);
  });
}

async function refusesConnections(url: string): Promise<boolean> {
  const answer = await postRaw(url, JSON.stringify({ query: '{ __typename }' }));
  return answer instanceof Error && (answer as NodeJS.ErrnoException).code === 'ECONNREFUSED';
}

describe('SIGTERM to npm start', { timeout: 300_000 }, () => {
  let db: ScratchDatabase;
  let service: RunningService | undefined;

  // npm start runs dist/, which `npm test` builds first (run `npm run build` before this file alone).
  beforeAll(async () => {
    db = await createScratchDatabase('portal_shutdown');
  }, 300_000);
  afterAll(async () => {
    await service?.stop();
    await db?.query('ROLLBACK');
    await db?.drop();
  }, 60_000);

  async function start(env: Record<string, string>): Promise<RunningService> {
    const running = await startServiceProcess(
      projectRoot,
      commandEnv({
        DATABASE_URL: db.url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...env,
      }),
      120_000,
      ['start'],
      'npm',
    );
    const configured = await postRaw(
      running.url,
      JSON.stringify({
        query:
          'mutation { configurePlatform(input: { glue: { databases: ["sales"] } }) { configured } }',
      }),
    );
    expect(configured).toMatchObject({ status: 200 });
    return running;
  }

  /** Holds a lock that makes every create wait, until `release`. */
  async function lockCreates(): Promise<{ release: () => Promise<unknown> }> {
    await db.query('BEGIN');
    await db.query('LOCK TABLE data_output_configurations IN ACCESS EXCLUSIVE MODE');
    return { release: () => db.query('ROLLBACK') };
  }

  async function waitingOnLock(): Promise<boolean> {
    const rows = await db.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
    );
    return (rows[0]?.n as number) > 0;
  }

  it('finishes the request in flight, stops accepting, closes the database and exits 0', async () => {
    service = await start({ SHUTDOWN_TIMEOUT_MS: '20000' });
    const running = service;
    const lock = await lockCreates();
    const inFlight = postRaw(running.url, CREATE);
    await waitFor(waitingOnLock, 'the create to wait on the lock');

    const exited = running.stop();
    await waitFor(() => refusesConnections(running.url), 'new connections to be refused');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await lock.release();

    expect(await inFlight).toEqual({
      status: 200,
      body: JSON.stringify({
        data: { createDataOutputConfiguration: { plugin: 'GlueDataOutput' } },
      }),
    });
    expect(await exited).toBe(0);
    service = undefined;
    expect(await refusesConnections(running.url)).toBe(true);
    const logs = running.logs();
    expect(logs).toContain('SIGTERM received');
    expect(logs).toContain('1 request(s) in flight, waiting up to 20000 ms (SHUTDOWN_TIMEOUT_MS)');
    expect(logs).toContain('Stopped: database closed');
    const rows = await db.query(
      "SELECT count(*)::int AS n FROM glue_data_outputs WHERE database_suffix = 'in_flight'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('gives up on a request still running after SHUTDOWN_TIMEOUT_MS, and still exits 0', async () => {
    service = await start({ SHUTDOWN_TIMEOUT_MS: '1500' });
    const running = service;
    const lock = await lockCreates();
    try {
      const inFlight = postRaw(running.url, CREATE);
      await waitFor(waitingOnLock, 'the create to wait on the lock');
      const signalled = Date.now();
      expect(await running.stop()).toBe(0);
      service = undefined;
      const took = Date.now() - signalled;
      expect(took).toBeGreaterThanOrEqual(1500);
      expect(await inFlight).toBeInstanceOf(Error);
      expect(running.logs()).toContain(
        'Closing 1 request(s) still running after 1500 ms (SHUTDOWN_TIMEOUT_MS)',
      );
      expect(await refusesConnections(running.url)).toBe(true);
    } finally {
      await lock.release();
    }
  });

  it('answers a request sent on an idle keep-alive connection after SIGTERM, then closes it', async () => {
    service = await start({ SHUTDOWN_TIMEOUT_MS: '20000' });
    const running = service;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = () =>
      new Promise<{ status: number; connection?: string; reused: boolean } | Error>((resolve) => {
        const req = request(
          running.url,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                connection: res.headers.connection,
                reused: req.reusedSocket,
              }),
            );
          },
        );
        req.on('error', resolve);
        req.end(JSON.stringify({ query: '{ __typename }' }));
      });
    try {
      expect(await send()).toMatchObject({ status: 200, connection: 'keep-alive', reused: false });
      const exited = running.stop();
      await waitFor(async () => running.logs().includes('Stopping:'), 'the shutdown to begin');
      // Node's own server.close() would have cut this idle connection: the request would be reset.
      expect(await send()).toEqual({ status: 200, connection: 'close', reused: true });
      expect(await exited).toBe(0);
      service = undefined;
    } finally {
      agent.destroy();
    }
  });
});
