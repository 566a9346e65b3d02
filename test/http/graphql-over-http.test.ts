import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { startTestService } from '../support/service.js';
import { createTestIssuer } from '../support/tokens.js';

async function failedAudits(url: string, fetchFn?: typeof fetch): Promise<string[]> {
  const results = await auditServer({ url, ...(fetchFn ? { fetchFn } : {}) });
  return results
    .filter((result) => result.status !== 'ok')
    .map((result) => `${result.name}: ${result.status} ${'reason' in result ? result.reason : ''}`);
}

describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  let open: Service;
  let production: Service;
  let token = '';
  beforeAll(async () => {
    const issuer = await createTestIssuer();
    token = await issuer.token({ roles: ['admin'] });
    open = await startTestService();
    production = await startTestService({ ...issuer.env, NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await open?.close();
    await production?.close();
  });

  it('passes every audit, MAY ones included, with no identity checked', async () => {
    expect(await failedAudits(`${open.url}/graphql`)).toEqual([]);
  });

  it('passes every audit in production for a client that sends its bearer token', async () => {
    const withToken: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    expect(await failedAudits(`${production.url}/graphql`, withToken)).toEqual([]);
  });
});
