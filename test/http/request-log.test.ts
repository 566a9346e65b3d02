import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { captureLogs, LEVEL, type LogLine } from '../support/logs.js';
import { post, startTestService } from '../support/service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('one log line per request, with its id', () => {
  let service: Service;
  let lines: LogLine[];
  beforeAll(async () => {
    const captured = await captureLogs('debug');
    lines = captured.lines;
    service = await startTestService({ LOG_LEVEL: 'debug' }, captured.logger);
  });
  afterAll(() => service?.close());

  const requestLines = (reqId: string) =>
    lines.filter((line) => line.reqId === reqId && line.path !== undefined);

  it('keeps the caller’s x-request-id, answers it, and logs the operation, duration and outcome', async () => {
    const answer = await post(
      service,
      { query: 'query Catalog { plugins { name } }', operationName: 'Catalog' },
      { 'x-request-id': 'portal-4711' },
    );
    expect(answer.headers.get('x-request-id')).toBe('portal-4711');
    const [line, ...more] = requestLines('portal-4711');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: LEVEL.info,
      reqId: 'portal-4711',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'Catalog',
      outcome: 'ok',
      msg: expect.stringMatching(/^POST \/graphql 200 Catalog [\d.]+ ms ok$/),
    });
    expect(line?.durationMs).toBeGreaterThan(0);
  });

  it('makes an id when there is none, or when the given one is not a safe token', async () => {
    for (const given of [undefined, 'two words', 'x'.repeat(200)]) {
      const answer = await post(
        service,
        { query: '{ __typename }' },
        given === undefined ? {} : { 'x-request-id': given },
      );
      const id = answer.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      expect(requestLines(id)).toHaveLength(1);
    }
  });

  it('names the error codes of a refused request, and tags every line of the request with its id', async () => {
    const answer = await post(
      service,
      {
        query: 'mutation($id: ID!) { deleteDataOutputConfiguration(id: $id) { id } }',
        variables: { id: '00000000-0000-4000-8000-000000000000' },
      },
      { 'x-request-id': 'refused-1' },
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(requestLines('refused-1')[0]).toMatchObject({
      operation: '(anonymous mutation)',
      outcome: 'errors',
      errors: ['NOT_FOUND'],
    });
    const sql = lines.filter((line) => line.msg.startsWith('SQL '));
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.filter((line) => line.reqId === 'refused-1').length).toBeGreaterThan(0);
  });

  it('logs health and readiness probes at debug level only', async () => {
    const health = await fetch(`${service.url}/health`, { headers: { 'x-request-id': 'probe-1' } });
    expect(health.status).toBe(200);
    expect(requestLines('probe-1')).toMatchObject([{ level: LEVEL.debug, path: '/health' }]);
  });
});
