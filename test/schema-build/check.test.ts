import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runCheck(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tools/cli.ts', 'schema:build', '--check'],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
}

describe('npm run schema:check', () => {
  it('exits non-zero and names the stale file when the committed schema is not what the build would write', () => {
    // The committed schema holds the four defaults; a build for Glue alone would differ.
    const result = runCheck({ ENABLED_PLUGINS: 'GlueDataOutput' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Stale generated files (run `npm run schema:build` and commit):\n- prisma/schema.prisma',
    );
  });

  it('exits non-zero with the culprit when a plugin cannot be loaded', () => {
    const result = runCheck({ ENABLED_PLUGINS: 'NoSuchDataOutput' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Plugin NoSuchDataOutput: no internal plugin has this name');
  });
});
