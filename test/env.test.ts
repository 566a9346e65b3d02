import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../src/env.js';

// The HTTP edge's settings (src/http/settings.ts): identity, limits, cross-site requests, operations.
const EDGE_DEFAULTS = {
  AUTH_ALGORITHMS: [
    'RS256',
    'RS384',
    'RS512',
    'PS256',
    'PS384',
    'PS512',
    'ES256',
    'ES384',
    'ES512',
    'EdDSA',
  ],
  AUTH_ROLES_CLAIM: 'roles',
  AUTH_CLOCK_TOLERANCE_SECONDS: 30,
  AUTH_DISABLED: false,
  HTTP_MAX_BODY_BYTES: 1_048_576,
  GRAPHQL_MAX_TOKENS: 2000,
  GRAPHQL_MAX_ALIASES: 30,
  GRAPHQL_MAX_DEPTH: 10,
  GRAPHQL_MAX_COST: 10_000,
  REQUEST_TIMEOUT_MS: 30_000,
  CORS_ORIGINS: [],
  SHUTDOWN_TIMEOUT_MS: 10_000,
  READINESS_TIMEOUT_MS: 2000,
};

describe('configuration', () => {
  it('has defaults for an empty environment', () => {
    expect(loadEnv({})).toEqual({
      PGLITE_DIR: './data/pglite',
      PORT: 4000,
      PLATFORM_SETTINGS_MAX_AGE_SECONDS: 5,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      EXCLUDED_PLUGIN_PACKAGES: [],
      ...EDGE_DEFAULTS,
    });
  });

  it('splits ENABLED_PLUGINS and treats empty values as unset', () => {
    expect(
      loadEnv({ ENABLED_PLUGINS: ' GlueDataOutput, ./x.js#y ,', DATABASE_URL: '' }),
    ).toMatchObject({
      ENABLED_PLUGINS: ['GlueDataOutput', './x.js#y'],
    });
    expect(loadEnv({ ENABLED_PLUGINS: '' }).ENABLED_PLUGINS).toBeUndefined();
  });

  it('splits EXCLUDED_PLUGIN_PACKAGES into package names', () => {
    expect(
      loadEnv({ EXCLUDED_PLUGIN_PACKAGES: '@acme/portal-plugin-x, portal-plugin-y' })
        .EXCLUDED_PLUGIN_PACKAGES,
    ).toEqual(['@acme/portal-plugin-x', 'portal-plugin-y']);
    expect(() => loadEnv({ EXCLUDED_PLUGIN_PACKAGES: './plugins/s3' })).toThrow(
      'EXCLUDED_PLUGIN_PACKAGES: must list npm package names, e.g. @acme/portal-plugin-x',
    );
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadEnv({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        ENABLED_PLUGINS: ' , ',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const variables = (error as EnvError).issues.map((i) => i.variable);
    expect(variables.sort()).toEqual(['DATABASE_URL', 'ENABLED_PLUGINS', 'LOG_LEVEL', 'PORT']);
    expect((error as EnvError).message).toContain(
      '- DATABASE_URL: must be a postgres:// or postgresql:// URL',
    );
  });
});
