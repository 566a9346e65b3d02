import { auditServer, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { configureAllPlatforms, rowCounts } from '../support/portal-client.js';
import { startTestService } from '../support/service.js';
import { createTestIssuer } from '../support/tokens.js';

// GraphQL over HTTP: graphql-http's conformance audits, and the status of an answer to variables
// the schema refuses.

describe('GraphQL over HTTP', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startTestService();
    await configureAllPlatforms(service);
  });
  afterAll(() => service?.close());

  const url = () => `${service.url}/graphql`;

  for (const audit of serverAudits({ url: () => url() })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      // A failed audit's response explains it.
      expect(result.status, 'response' in result ? JSON.stringify(result.reason) : '').toBe('ok');
    });
  }

  async function post(accept: string, variables: Record<string, unknown>, query = CREATE) {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: Array<{ extensions?: Record<string, unknown> }>;
    };
    return { status: response.status, type: response.headers.get('content-type'), body };
  }

  const CREATE =
    'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }';
  const valid = { database: 'alpha', databaseSuffix: 'x' };

  it.each([
    ['a missing field', { glue: { database: 'alpha' } }],
    ['a bad enum value', { glue: { ...valid, accessGranularity: 'column' } }],
    ['two @oneOf members', { glue: valid, redshift: { ...valid, schema: 's' } }],
  ])('variables the schema refuses (%s): 400 and nothing written', async (_case, input) => {
    const before = await rowCounts(service);
    const answer = await post('application/graphql-response+json', { input });
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/graphql-response+json');
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts(service)).toEqual(before);
  });

  it('the legacy application/json answer keeps 200, as the spec asks', async () => {
    const answer = await post('application/json', { input: { glue: { database: 'alpha' } } });
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the HTTP status stays out of the error extensions', async () => {
    const answer = await post('application/graphql-response+json', { input: { glue: {} } });
    expect(Object.keys(answer.body.errors?.[0]?.extensions ?? {}).sort()).toEqual([
      'code',
      'issues',
    ]);
  });

  it('issues name the argument path and the field, whatever the variable is called', async () => {
    const renamed = await post(
      'application/graphql-response+json',
      { data: { glue: { ...valid, databaseSuffix: 5 } } },
      'mutation($data: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $data) { id } }',
    );
    const nested = await post(
      'application/graphql-response+json',
      { glue: { ...valid, accessGranularity: 'column' } },
      'mutation($glue: GlueDataOutputInput) { createDataOutputConfiguration(input: { glue: $glue }) { id } }',
    );
    expect(renamed.body.errors?.[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'glue', 'databaseSuffix'],
        field: ['databaseSuffix'],
        message: 'String cannot represent a non string value: 5',
      },
    ]);
    expect(nested.body.errors?.[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'glue', 'accessGranularity'],
        field: ['accessGranularity'],
        message: 'Value "column" does not exist in "AccessGranularity" enum.',
      },
    ]);
  });
});

describe('GraphQL over HTTP in production, for a client that sends its bearer token', () => {
  let production: Service;
  let token = '';
  beforeAll(async () => {
    const issuer = await createTestIssuer();
    token = await issuer.token({ roles: ['admin'] });
    production = await startTestService({ ...issuer.env, NODE_ENV: 'production' });
  });
  afterAll(() => production?.close());

  it('passes every audit, MAY ones included', async () => {
    const withToken: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: `${production.url}/graphql`, fetchFn: withToken });
    const failed = results
      .filter((result) => result.status !== 'ok')
      .map(
        (result) => `${result.name}: ${result.status} ${'reason' in result ? result.reason : ''}`,
      );
    expect(failed).toEqual([]);
  });
});
