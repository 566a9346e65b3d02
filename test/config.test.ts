import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      PGLITE_DIR: './data/pglite',
      PORT: 4000,
      PLATFORM_SETTINGS_MAX_AGE_SECONDS: 5,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    });
  });

  it('splits ENABLED_PLUGINS and treats empty values as unset', () => {
    expect(loadConfig({ ENABLED_PLUGINS: ' GlueDataOutput, ./x.js#y ,', DATABASE_URL: '' })).toMatchObject({
      ENABLED_PLUGINS: ['GlueDataOutput', './x.js#y'],
    });
    expect(loadConfig({ ENABLED_PLUGINS: '' }).ENABLED_PLUGINS).toBeUndefined();
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', ENABLED_PLUGINS: ' , ' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).issues.map((i) => i.variable);
    expect(variables.sort()).toEqual(['DATABASE_URL', 'ENABLED_PLUGINS', 'LOG_LEVEL', 'PORT']);
    expect((error as ConfigError).message).toContain('- DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });
});
