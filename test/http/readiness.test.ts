import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { captureLogs, type LogLine } from '../support/logs.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { startTestService } from '../support/service.js';
import { type TcpProxy, tcpProxy, throughProxy } from '../support/tcp-proxy.js';

async function probe(service: Service, path: '/ready' | '/health') {
  const response = await fetch(`${service.url}${path}`);
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

async function eventually<T>(check: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('liveness and readiness while PostgreSQL goes away and comes back', () => {
  let db: ScratchDatabase;
  let proxy: TcpProxy;
  let service: Service;
  let lines: LogLine[];
  beforeAll(async () => {
    db = await createScratchDatabase('portal_ready');
    proxy = await tcpProxy();
    await proxy.listen();
    const captured = await captureLogs();
    lines = captured.lines;
    service = await startTestService(
      {
        DATABASE_URL: throughProxy(db.url, proxy),
        READINESS_TIMEOUT_MS: '1000',
        LOG_LEVEL: 'info',
      },
      captured.logger,
    );
  });
  afterAll(async () => {
    await service?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('is ready while the database answers SELECT 1', async () => {
    expect(await probe(service, '/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    expect((await probe(service, '/health')).status).toBe(200);
  });

  it('answers /ready with 503 while connections are refused, /health with 200, and recovers', async () => {
    await proxy.close();
    const down = await eventually(
      () => probe(service, '/ready'),
      (answer) => answer.status === 503,
    );
    expect(down).toEqual({ status: 503, body: { status: 'not ready', reason: 'database' } });
    expect((await probe(service, '/health')).status).toBe(200);
    expect(lines.some((line) => line.msg.startsWith('Not ready: database:'))).toBe(true);

    await proxy.listen();
    const up = await eventually(
      () => probe(service, '/ready'),
      (answer) => answer.status === 200,
    );
    expect(up).toEqual({ status: 200, body: { status: 'ready' } });
    expect(lines.filter((line) => line.msg === 'Ready: the database answers')).toHaveLength(2);
  });
});
