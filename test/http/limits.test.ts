import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { captureLogs, type LogLine } from '../support/logs.js';
import { post, startTestService } from '../support/service.js';

const PAGE_FIELDS = 'nodes { id plugin platform createdAt updatedAt } edges { cursor }';

function aliased(count: number, selection: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;
}

function refusalOf(answer: { body: { errors?: Array<{ message: string; extensions?: object }> } }) {
  const [error] = answer.body.errors ?? [];
  return error as { message: string; extensions: Record<string, unknown> };
}

describe('request limits (default settings)', () => {
  let service: Service;
  let lines: LogLine[];
  beforeAll(async () => {
    const captured = await captureLogs('debug');
    lines = captured.lines;
    service = await startTestService({ LOG_LEVEL: 'debug' }, captured.logger);
  });
  afterAll(() => service?.close());

  const sqlCount = () => lines.filter((line) => line.msg.startsWith('SQL ')).length;

  it('refuses more than 30 aliases (GRAPHQL_MAX_ALIASES) before executing, and allows 30', async () => {
    const over = await post(service, { query: aliased(31, 'plugins { name }') });
    expect(over.status).toBe(400);
    expect(refusalOf(over)).toMatchObject({
      message: 'Query refused: Aliases limit of 30 exceeded, found 31 (GRAPHQL_MAX_ALIASES).',
      extensions: { code: 'LIMIT_EXCEEDED', setting: 'GRAPHQL_MAX_ALIASES' },
    });
    expect((await post(service, { query: aliased(30, 'plugins { name }') })).status).toBe(200);
  });

  it('refuses a query deeper than 10 (GRAPHQL_MAX_DEPTH)', async () => {
    const deep = `{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType {
      ofType { ofType { ofType { name } } } } } } } } } } }`;
    const answer = await post(service, { query: deep });
    expect(answer.status).toBe(400);
    expect(refusalOf(answer).message).toBe(
      'Query refused: Query depth limit of 10 exceeded, found 11 (GRAPHQL_MAX_DEPTH).',
    );
  });

  it('refuses a document of more than 2,000 tokens (GRAPHQL_MAX_TOKENS) while parsing', async () => {
    const answer = await post(service, { query: `{ ${'__typename '.repeat(2000)}}` });
    expect(answer.status).toBe(400);
    expect(refusalOf(answer)).toMatchObject({
      message: 'Query refused: Token limit of 2000 exceeded (GRAPHQL_MAX_TOKENS).',
      extensions: { code: 'LIMIT_EXCEEDED', setting: 'GRAPHQL_MAX_TOKENS' },
    });
  });

  it('refuses a query whose cost, counting each page’s `first`, is over GRAPHQL_MAX_COST, with no SQL', async () => {
    // Each page: 10 + 100 × (nodes 1 + 5 fields, edges 1 + 1 field) = 810; 13 of them 10,530.
    const before = sqlCount();
    const answer = await post(service, {
      query: aliased(13, `dataOutputConfigurations(first: 100) { ${PAGE_FIELDS} }`),
    });
    expect(answer.status).toBe(400);
    expect(refusalOf(answer).message).toMatch(
      /^Query cost 10530 is over the limit of 10000 \(GRAPHQL_MAX_COST\)\./,
    );
    expect(refusalOf(answer).extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      cost: 10530,
      max: 10000,
    });
    expect(answer.body.data).toBeNull();
    expect(sqlCount()).toBe(before);
    // The same pages of 20 cost 10 + 20 × 8 = 170 each: served.
    const small = await post(service, {
      query: aliased(13, `dataOutputConfigurations(first: 20) { ${PAGE_FIELDS} }`),
    });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
  });

  it('refuses the probe of issue 10 row 3 (500 aliases of pages of 100) at once', async () => {
    const started = performance.now();
    const answer = await post(service, {
      query: aliased(500, `dataOutputConfigurations(first: 100) { ${PAGE_FIELDS} }`),
    });
    expect(answer.status).toBe(400);
    expect(refusalOf(answer).extensions.code).toBe('LIMIT_EXCEEDED');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a body over HTTP_MAX_BODY_BYTES with 413, with or without a Content-Length', async () => {
    const body = JSON.stringify({
      query: `{ __typename }`,
      variables: { pad: 'x'.repeat(1_048_576) },
    });
    const sized = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(sized.status).toBe(413);
    const expected = 'Request body over the limit of 1048576 bytes (HTTP_MAX_BODY_BYTES).';
    expect(
      ((await sized.json()) as { errors: Array<{ message: string }> }).errors[0]?.message,
    ).toBe(expected);
    // A stream body goes out chunked, with no Content-Length to check up front.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < body.length; i += 65_536)
          controller.enqueue(new TextEncoder().encode(body.slice(i, i + 65_536)));
        controller.close();
      },
    });
    const streamed = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(
      ((await streamed.json()) as { errors: Array<{ message: string }> }).errors[0]?.message,
    ).toBe(expected);
  });

  it('refuses batched operations', async () => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Batching is not supported');
  });
});
