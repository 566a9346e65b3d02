import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warningsInto } from '../support/logs.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { graphql, startTestService } from '../support/service.js';
import { freePort, tcpProxy, throughProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

describe('start-up on PostgreSQL that is not there yet', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase('portal_startup');
  });
  afterAll(() => db?.drop());

  it('retries with backoff, logging each attempt, and starts once the server answers', async () => {
    const proxy = await tcpProxy();
    const warnings: string[] = [];
    const starting = startTestService(
      { DATABASE_URL: throughProxy(db.url, proxy), DATABASE_STARTUP_RETRY_SECONDS: '60' },
      await warningsInto(warnings),
    );
    await waitFor(() => warnings.length >= 3, 'three failed attempts');
    await proxy.listen();
    const service = await starting;
    try {
      const answer = await graphql<{ plugins: unknown[] }>(service, '{ plugins { name } }');
      expect(answer.errors).toBeUndefined();
      const shown = throughProxy(db.url, proxy);
      expect(warnings.slice(0, 3)).toEqual(
        ['0.5', '1.0', '2.0'].map(
          (delay, i) =>
            `PostgreSQL at ${shown} is not reachable (attempt ${i + 1}: connect ECONNREFUSED 127.0.0.1:${proxy.port}); retrying in ${delay} s, for up to 60 s in all (DATABASE_STARTUP_RETRY_SECONDS)`,
        ),
      );
    } finally {
      await service.close();
      await proxy.close();
    }
  });

  it('gives up after DATABASE_STARTUP_RETRY_SECONDS, naming the URL, the setting and the cause', async () => {
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/nothing`;
    const warnings: string[] = [];
    const failure = await startTestService(
      { DATABASE_URL: url, DATABASE_STARTUP_RETRY_SECONDS: '2' },
      await warningsInto(warnings),
    ).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(
      new RegExp(
        `^PostgreSQL at postgres://postgres@127\\.0\\.0\\.1:${port}/nothing \\(DATABASE_URL\\) not reachable after \\d+ attempts in \\d+\\.\\d s \\(DATABASE_STARTUP_RETRY_SECONDS=2\\): connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\. Check that the server runs`,
      ),
    );
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings.at(-1)).toMatch(/giving up$/);
  });

  it('does not retry what waiting cannot cure: a database that does not exist', async () => {
    const url = new URL(db.url);
    url.pathname = '/no_such_database_here';
    const warnings: string[] = [];
    await expect(
      startTestService({ DATABASE_URL: url.toString() }, await warningsInto(warnings)),
    ).rejects.toThrow(
      `PostgreSQL at ${url.toString()} (DATABASE_URL) refused the connection: database "no_such_database_here" does not exist.`,
    );
    expect(warnings).toEqual([]);
  });
});
