import { spawnSync } from 'node:child_process';
import { CONTRACT_VERSION } from '@data-product-portal/plugin-sdk/internal';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { installedPluginPackages } from '../support/plugin-set.js';

// Plugin packages installed in this checkout are left out, so the output is the listed plugins'.
function inspect(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tools/cli.ts', 'plugins:inspect', ...args],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        EXCLUDED_PLUGIN_PACKAGES: installedPluginPackages().join(','),
        ...env,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run plugins:inspect', () => {
  it('lists each plugin with version, source, contract range and migrations, and exits 0', () => {
    const { status, out, err } = inspect({ ENABLED_PLUGINS: 'GlueDataOutput,SnowflakeDataOutput' });
    expect(status, err).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(`Plugin contract of this host: ${CONTRACT_VERSION}`);
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      'NAME',
      'VERSION',
      'SOURCE',
      'CONTRACT',
      'MIGRATIONS',
    ]);
    expect(lines[3]?.split(/\s{2,}/)).toEqual([
      'GlueDataOutput',
      '1.0.0',
      'internal (plugins/glue)',
      `host (${CONTRACT_VERSION})`,
      '1, latest 20261126120300_glue_data_output',
    ]);
    expect(lines[4]?.split(/\s{2,}/)[0]).toBe('SnowflakeDataOutput');
  });

  it('reports every broken plugin and exits 1, still listing the good ones', () => {
    const broken = [
      './test/fixtures/plugins/throws-on-import.ts',
      './test/fixtures/plugins/not-a-plugin.ts',
    ];
    const { status, out } = inspect(
      { ENABLED_PLUGINS: ['GlueDataOutput', ...broken].join(',') },
      '--json',
    );
    expect(status).toBe(1);
    const report = JSON.parse(out) as {
      plugins: Array<{ name: string }>;
      broken: Array<{ culprit: string; message: string }>;
    };
    expect(report.plugins.map((p) => p.name)).toEqual(['GlueDataOutput']);
    expect(report.broken).toEqual([
      {
        culprit: broken[0],
        message: `Plugin ${broken[0]}: throws while being imported: boom at import time`,
      },
      {
        culprit: broken[1],
        message: `Plugin ${broken[1]}: its export is not a valid plugin:\n- is not a plugin: create it with definePlugin() from the plugin SDK.`,
      },
    ]);
  });
});
