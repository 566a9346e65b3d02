import { afterEach, describe, expect, it, vi } from 'vitest';
import { pluginsRetire } from '../../tools/plugins/retire.js';

// What plugins:retire refuses before it reads any database. Retiring itself, with its row counts,
// confirmation and migration, runs in copies of the project: test/e2e/s3-package.test.ts (an
// uninstalled package) and test/e2e/plugin-new.test.ts (an internal plugin left out).

const failure = (args: string[]) =>
  pluginsRetire(args).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );

afterEach(() => vi.unstubAllEnvs());

describe('npm run plugins:retire', () => {
  it('needs exactly one plugin name', async () => {
    const usage = 'Usage: npm run plugins:retire -- <PluginName> [--yes]';
    expect(await failure([])).toBe(usage);
    expect(await failure(['GlueDataOutput', 'SnowflakeDataOutput'])).toBe(usage);
    expect(await failure(['GlueDataOutput', '--force'])).toBe(usage);
  });

  it('refuses a plugin that is enabled, saying how to turn it off', async () => {
    vi.stubEnv('ENABLED_PLUGINS', 'GlueDataOutput');
    expect(await failure(['GlueDataOutput', '--yes'])).toBe(
      'Plugin GlueDataOutput is enabled (internal (plugins/glue)): turn it off first (leave it out of ENABLED_PLUGINS), run `npm run schema:build`, then retire it.',
    );
  });
});
