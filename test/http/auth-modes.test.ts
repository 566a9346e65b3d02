import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../src/env.js';
import { projectRoot } from '../../src/paths.js';
import type { Service } from '../../src/service.js';
import { assertBuildCurrent } from '../support/build-current.js';
import { captureLogs, LEVEL, type LogLine } from '../support/logs.js';
import { COMPILED, commandEnv, runCommand } from '../support/scratch-project.js';
import { post, startTestService } from '../support/service.js';
import { AUDIENCE, createTestIssuer, ISSUER } from '../support/tokens.js';

function envIssues(env: Record<string, string>): Record<string, string> {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof EnvError)
      return Object.fromEntries(error.issues.map((i) => [i.variable, i.message]));
    throw error;
  }
  return {};
}

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('identity settings', () => {
  it('refuse production without an issuer, unless AUTH_DISABLED=true', () => {
    expect(envIssues({ NODE_ENV: 'production' })).toEqual({
      AUTH_ISSUER: expect.stringContaining('is required in production'),
    });
    expect(envIssues({ NODE_ENV: 'production', AUTH_DISABLED: 'true' })).toEqual({});
    expect(envIssues({ NODE_ENV: 'production', AUTH_DISABLED: 'yes' })).toEqual({
      AUTH_DISABLED: 'must be true or false',
    });
  });

  it('need an audience and exactly one source of keys with an issuer', () => {
    expect(envIssues({ AUTH_ISSUER: ISSUER })).toEqual({
      AUTH_AUDIENCE: expect.stringContaining('is required with AUTH_ISSUER'),
      AUTH_JWKS_URL: expect.stringContaining('exactly one of AUTH_JWKS_URL'),
    });
    expect(
      envIssues({
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_JWKS_URL: 'https://login.example.test/certs',
        AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----',
        AUTH_DISABLED: 'true',
      }),
    ).toEqual({
      AUTH_JWKS_URL: expect.stringContaining('exactly one'),
      AUTH_DISABLED: 'must not be true while AUTH_ISSUER is set: choose one',
    });
    // Shared secrets would let every verifier mint tokens.
    expect(envIssues({ AUTH_ALGORITHMS: 'RS256,HS256' })).toEqual({
      AUTH_ALGORITHMS: expect.stringContaining('must list algorithms among RS256, RS384'),
    });
    expect(envIssues({ AUTH_AUDIENCE: AUDIENCE })).toEqual({
      AUTH_AUDIENCE: 'has no effect without AUTH_ISSUER',
    });
  });

  it('bind the loopback interface unless HOST says otherwise', () => {
    expect(loadEnv({}).HOST).toBe('127.0.0.1');
    expect(loadEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('refuse a private key as AUTH_PUBLIC_KEY, and read a public key from a file', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(
      startTestService({
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_PUBLIC_KEY: privatePem,
      }),
    ).rejects.toThrow('AUTH_PUBLIC_KEY holds a private key: give the service the public key only.');
    const folder = await mkdtemp(path.join(tmpdir(), 'auth-key-'));
    try {
      await expect(
        startTestService({
          AUTH_ISSUER: ISSUER,
          AUTH_AUDIENCE: AUDIENCE,
          AUTH_PUBLIC_KEY: path.join(folder, 'missing.pem'),
        }),
      ).rejects.toThrow('AUTH_PUBLIC_KEY is neither PEM text nor a readable file');
      const file = path.join(folder, 'public.pem');
      await writeFile(file, publicKey.export({ type: 'spki', format: 'pem' }).toString());
      const service = await startTestService({
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_PUBLIC_KEY: file,
      });
      await service.close();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('stop the compiled service at start-up in production without an issuer (exit 1, naming AUTH_ISSUER)', async () => {
    assertBuildCurrent(projectRoot);
    const run = await runCommand(process.execPath, COMPILED, {
      cwd: projectRoot,
      env: commandEnv({ NODE_ENV: 'production', PGLITE_DIR: 'memory://', PORT: '0' }),
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Start-up failed: Invalid environment variables:');
    expect(run.stderr).toContain('- AUTH_ISSUER: is required in production');
  });
});

describe('production with AUTH_DISABLED=true (a gateway authenticates)', () => {
  let service: Service;
  let lines: LogLine[];
  beforeAll(async () => {
    const captured = await captureLogs();
    lines = captured.lines;
    service = await startTestService(
      { NODE_ENV: 'production', AUTH_DISABLED: 'true', LOG_LEVEL: 'info' },
      captured.logger,
    );
  });
  afterAll(() => service?.close());

  it('warns at start that no identity is verified', () => {
    const warning = lines.find((line) => line.msg.startsWith('AUTH_DISABLED=true'));
    expect(warning?.level).toBe(LEVEL.warn);
    expect(warning?.msg).toContain('every caller may read and change everything');
  });

  it('serves callers it cannot identify, without introspection or field suggestions', async () => {
    const configure = await post(service, {
      query: 'mutation { configurePlatform(input: { glue: { databases: ["a"] } }) { configured } }',
    });
    expect(configure.body).toEqual({ data: { configurePlatform: { configured: true } } });
    const introspection = await post(service, { query: INTROSPECTION });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]?.message).toContain(
      'GraphQL introspection has been disabled',
    );
    const typo = await post(service, { query: '{ plugin { name } }' });
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "plugin" on type "Query".');
  });
});

describe('newcomer mode (outside production, no issuer)', () => {
  let service: Service;
  let lines: LogLine[];
  beforeAll(async () => {
    const captured = await captureLogs();
    lines = captured.lines;
    service = await startTestService(
      { NODE_ENV: 'development', LOG_LEVEL: 'info' },
      captured.logger,
    );
  });
  afterAll(() => service?.close());

  it('says at start that it is open and listens on 127.0.0.1 only', () => {
    const notice = lines.find((line) => line.msg.startsWith('Authentication is off'));
    expect(notice?.msg).toContain(
      'every caller may read and change everything, listening on 127.0.0.1 only',
    );
    expect(new URL(service.url).hostname).toBe('127.0.0.1');
  });

  it('answers without a token, with introspection and field suggestions', async () => {
    expect((await post(service, { query: INTROSPECTION })).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    const typo = await post(service, { query: '{ plugin { name } }' });
    expect(typo.body.errors?.[0]?.message).toContain('Did you mean "plugins"');
  });

  it('ignores an Authorization header: there is no issuer to verify it against', async () => {
    const issuer = await createTestIssuer();
    const answer = await post(
      service,
      { query: '{ plugins { name } }' },
      { authorization: `Bearer ${await issuer.token()}` },
    );
    expect(answer.status).toBe(200);
  });
});
