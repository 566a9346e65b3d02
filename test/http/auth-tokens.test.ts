import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { rowCounts } from '../support/portal-client.js';
import { bearer, post, startTestService } from '../support/service.js';
import { AUDIENCE, createTestIssuer, ISSUER, type TestIssuer } from '../support/tokens.js';

const READ = `{ plugins { name } pluginForm(name: "GlueDataOutput") { name }
  dataOutputConfigurations { totalCount } platformConfigurations { platform } }`;
const CONFIGURE =
  'mutation { configurePlatform(input: { glue: { databases: ["sales"] } }) { configured } }';
const CREATE =
  'mutation { createDataOutputConfiguration(input: { glue: { database: "sales", databaseSuffix: "orders" } }) { id } }';

function errorOf(answer: { body: { errors?: Array<{ message: string; extensions?: object }> } }) {
  expect(answer.body.errors, JSON.stringify(answer.body)).toHaveLength(1);
  return answer.body.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

describe('bearer tokens verified against a PEM public key, in production', () => {
  let issuer: TestIssuer;
  let service: Service;
  beforeAll(async () => {
    issuer = await createTestIssuer();
    service = await startTestService({ ...issuer.env, NODE_ENV: 'production' });
  });
  afterAll(() => service?.close());

  const as = async (roles: string[]) => bearer(await issuer.token({ roles }));

  it('answers a request without a token with 401, UNAUTHENTICATED and a Bearer challenge', async () => {
    const answer = await post(service, { query: READ });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(errorOf(answer).extensions.code).toBe('UNAUTHENTICATED');
    expect(answer.body.data).toBeUndefined();
  });

  it('lets any valid token read plugins, forms, configurations and platform settings', async () => {
    const answer = await post(service, { query: READ }, await as([]));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ pluginForm: { name: 'GlueDataOutput' } });
  });

  it.each([
    ['expired', async () => issuer.token({ roles: ['admin'] }, { expiresIn: '-2m' }), /expired/],
    ['of another issuer', async () => issuer.token({ iss: 'https://elsewhere.test' }), /"iss"/],
    ['for another audience', async () => issuer.token({ aud: 'another-api' }), /"aud"/],
    [
      'signed by another key',
      async () => (await createTestIssuer()).token({ roles: ['admin'] }),
      /signature/,
    ],
    [
      'signed with a shared secret (HS256)',
      async () =>
        new SignJWT({ roles: ['admin'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('a-secret-anyone-could-guess-000000')),
      /alg/,
    ],
    [
      'without an expiry',
      async () => issuer.token({ roles: ['admin'] }, { expiresIn: null }),
      /"exp"/,
    ],
  ])('refuses a token %s with 401 and says why', async (_case, mint, reason) => {
    const answer = await post(service, { query: CONFIGURE }, bearer(await mint()));
    expect(answer.status).toBe(401);
    const error = errorOf(answer);
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(reason);
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const answer = await post(
      service,
      { query: READ },
      { authorization: 'Basic YWxpY2U6c2VjcmV0' },
    );
    expect(answer.status).toBe(401);
    expect(errorOf(answer).message).toContain('Bearer <access token>');
  });

  it('refuses writes to a token without the role, naming it, and writes nothing', async () => {
    const reader = await post(service, { query: CREATE }, await as(['viewer']));
    const error = errorOf(reader);
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'editor' });
    expect(error.message).toBe(
      'Forbidden: Mutation.createDataOutputConfiguration needs the role "editor" (or admin); the token grants the roles viewer.',
    );
    const editor = await post(service, { query: CONFIGURE }, await as(['editor']));
    expect(errorOf(editor).extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    expect(errorOf(editor).message).toContain(
      'needs the role "admin"; the token grants the roles editor',
    );
    expect(await rowCounts(service)).toEqual({ base: 0, plugin: 0 });
    const settings = await post<{ platformConfigurations: Array<{ configured: boolean }> }>(
      service,
      { query: '{ platformConfigurations { configured } }' },
      await as([]),
    );
    expect(settings.body.data?.platformConfigurations.every((p) => !p.configured)).toBe(true);
  });

  it('lets an admin configure platforms and an editor (or admin) create, update and delete', async () => {
    expect((await post(service, { query: CONFIGURE }, await as(['admin']))).body).toEqual({
      data: { configurePlatform: { configured: true } },
    });
    const created = await post<{ createDataOutputConfiguration: { id: string } }>(
      service,
      { query: CREATE },
      await as(['editor']),
    );
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data?.createDataOutputConfiguration.id;
    const update = await post(
      service,
      {
        query:
          'mutation($id: ID!) { updateDataOutputConfiguration(id: $id, input: { glue: { database: "sales", databaseSuffix: "o2" } }) { id } }',
        variables: { id },
      },
      await as(['editor']),
    );
    expect(update.body.errors).toBeUndefined();
    const removed = await post(
      service,
      {
        query: 'mutation($id: ID!) { deleteDataOutputConfiguration(id: $id) { id } }',
        variables: { id },
      },
      await as(['admin']),
    );
    expect(removed.body).toEqual({ data: { deleteDataOutputConfiguration: { id } } });
  });

  it('gives authenticated callers introspection in production, and no field suggestions', async () => {
    const introspection = await post<{ __schema: { queryType: { name: string } } }>(
      service,
      { query: '{ __schema { queryType { name } } }' },
      await as([]),
    );
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const typo = await post(service, { query: '{ plugin { name } }' }, await as([]));
    expect(typo.status).toBe(400);
    expect(errorOf(typo).message).toBe('Cannot query field "plugin" on type "Query".');
  });
});

describe('bearer tokens verified against the issuer’s JWKS URL, roles at a dotted claim', () => {
  let issuer: TestIssuer;
  let jwksServer: Server;
  let service: Service;
  let fetches = 0;
  beforeAll(async () => {
    issuer = await createTestIssuer('kid-1');
    jwksServer = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(issuer.jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    service = await startTestService({
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: `other-api, ${AUDIENCE}`,
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/realms/portal/protocol/openid-connect/certs`,
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    });
  });
  afterAll(async () => {
    await service?.close();
    jwksServer?.close();
  });

  it('takes roles from realm_access.roles (Keycloak) and fetches the keys once', async () => {
    const admin = bearer(await issuer.token({ realm_access: { roles: ['admin'] }, roles: [] }));
    expect((await post(service, { query: CONFIGURE }, admin)).body).toEqual({
      data: { configurePlatform: { configured: true } },
    });
    const flatRoles = bearer(await issuer.token({ roles: ['admin'] }));
    const refused = await post(service, { query: CONFIGURE }, flatRoles);
    expect(errorOf(refused).extensions.code).toBe('FORBIDDEN');
    expect(fetches).toBe(1);
  });
});
