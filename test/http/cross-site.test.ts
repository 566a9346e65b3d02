import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { post, startTestService } from '../support/service.js';

const CONFIGURE =
  'mutation { configurePlatform(input: { glue: { databases: ["forged"] } }) { configured } }';

async function glueConfigured(service: Service): Promise<boolean> {
  const answer = await post<{
    platformConfigurations: Array<{ platform: string; configured: boolean }>;
  }>(service, { query: '{ platformConfigurations { platform configured } }' });
  return (
    answer.body.data?.platformConfigurations.find((p) => p.platform === 'glue')?.configured ?? true
  );
}

async function errorOf(
  response: Response,
): Promise<{ message: string; extensions?: { code?: string } }> {
  const body = (await response.json()) as {
    errors: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return body.errors[0] as { message: string; extensions?: { code?: string } };
}

describe('requests a browser form or link could send (CSRF)', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startTestService({
      CORS_ORIGINS: 'https://portal.example.com, https://admin.example.com',
    });
  });
  afterAll(() => service?.close());

  const send = (init: RequestInit, query = '') => fetch(`${service.url}/graphql${query}`, init);

  it('refuses a form-urlencoded mutation with 403 and writes nothing', async () => {
    const response = await send({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: CONFIGURE }).toString(),
    });
    expect(response.status).toBe(403);
    const error = await errorOf(response);
    expect(error.extensions?.code).toBe('CSRF_REFUSED');
    expect(error.message).toBe(
      'A browser form could have sent this request, so it is refused: send it with content-type application/json, or with one of the headers x-graphql-yoga-csrf, authorization.',
    );
    expect(await glueConfigured(service)).toBe(false);
  });

  it('refuses multipart and text/plain posts, and multipart even with the header', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: CONFIGURE }));
    form.set('map', '{}');
    expect((await send({ method: 'POST', body: form })).status).toBe(403);
    const plain = await send({
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: CONFIGURE }),
    });
    expect(plain.status).toBe(403);
    const withHeader = await send({
      method: 'POST',
      headers: { 'x-graphql-yoga-csrf': '1' },
      body: form,
    });
    expect(withHeader.status).toBe(415);
    expect(await glueConfigured(service)).toBe(false);
  });

  it('answers a plain GET query, and never runs a mutation over GET', async () => {
    const query = `?query=${encodeURIComponent('{ plugins { name } }')}`;
    expect((await send({ method: 'GET' }, query)).status).toBe(200);
    const mutation = await send({ method: 'GET' }, `?query=${encodeURIComponent(CONFIGURE)}`);
    expect(mutation.status).toBe(405);
    expect(await glueConfigured(service)).toBe(false);
  });

  it('runs a JSON mutation', async () => {
    const answer = await post(service, { query: CONFIGURE });
    expect(answer.body).toEqual({ data: { configurePlatform: { configured: true } } });
  });

  it('allows the listed origins only, never with credentials', async () => {
    const from = async (origin: string) =>
      send({
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const portal = await from('https://portal.example.com');
    expect(portal.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(portal.headers.get('access-control-allow-credentials')).toBeNull();
    expect(portal.headers.get('access-control-expose-headers')).toBe('x-request-id');
    const elsewhere = await from('https://evil.example');
    expect(elsewhere.headers.get('access-control-allow-origin')).toBe('null');
    const preflight = await send({
      method: 'OPTIONS',
      headers: {
        origin: 'https://admin.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('CORS settings', () => {
  it('send no CORS headers by default, so browsers keep other origins out', async () => {
    const service = await startTestService();
    try {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await service.close();
    }
  });

  it('allow any origin with *, but without credentials', async () => {
    const service = await startTestService({ CORS_ORIGINS: '*' });
    try {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://anywhere.example' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    } finally {
      await service.close();
    }
  });
});
