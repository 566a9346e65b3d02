import { describe, expect, it } from 'vitest';
import { EnvError, formsPageEnabled, loadEnv } from '../src/env.js';

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
      DATABASE_STATEMENT_TIMEOUT_MS: 10_000,
      DATABASE_LOCK_TIMEOUT_MS: 5_000,
      DATABASE_CONNECT_TIMEOUT_MS: 5_000,
      DATABASE_STARTUP_RETRY_SECONDS: 60,
      ...EDGE_DEFAULTS,
    });
  });

  it('takes the database timeouts in whole milliseconds, 0 turning one off', () => {
    expect(
      loadEnv({ DATABASE_LOCK_TIMEOUT_MS: '0', DATABASE_STARTUP_RETRY_SECONDS: '2.5' }),
    ).toMatchObject({ DATABASE_LOCK_TIMEOUT_MS: 0, DATABASE_STARTUP_RETRY_SECONDS: 2.5 });
    expect(() => loadEnv({ DATABASE_STATEMENT_TIMEOUT_MS: '1.5' })).toThrow(
      'DATABASE_STATEMENT_TIMEOUT_MS',
    );
    expect(() => loadEnv({ DATABASE_CONNECT_TIMEOUT_MS: '-1' })).toThrow(
      'DATABASE_CONNECT_TIMEOUT_MS',
    );
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

  it('serves the form preview page outside production unless FORMS_PAGE says otherwise', () => {
    const enabled = (env: Record<string, string>) => formsPageEnabled(loadEnv(env));
    expect(enabled({})).toBe(true);
    const production = { NODE_ENV: 'production', AUTH_DISABLED: 'true' };
    expect(enabled(production)).toBe(false);
    expect(enabled({ ...production, FORMS_PAGE: 'on' })).toBe(true);
    expect(enabled({ FORMS_PAGE: 'off' })).toBe(false);
    expect(() => loadEnv({ FORMS_PAGE: 'yes' })).toThrow(/FORMS_PAGE/);
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
