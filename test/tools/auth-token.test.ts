import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import {
  commandEnv,
  describeRun,
  makeScratchFolder,
  runCommand,
} from '../support/scratch-project.js';
import { bearer, post, startTestService } from '../support/service.js';

describe('npm run auth:token', () => {
  it('mints a token the service accepts with the settings it prints, roles included', async () => {
    const keys = await makeScratchFolder('dev-auth-');
    try {
      const run = await runCommand(
        process.execPath,
        ['--import', 'tsx', 'tools/cli.ts', 'auth:token', '--roles', 'admin', '--keys', keys],
        { cwd: projectRoot, env: commandEnv(), timeoutMs: 60_000 },
      );
      expect(run.code, describeRun(run)).toBe(0);
      const token = run.stdout.trim();
      const settings = /Start the service with: (.+)$/m.exec(run.stderr)?.[1] ?? '';
      const env = Object.fromEntries(
        settings.split(' ').map((pair) => pair.split('=') as [string, string]),
      );
      expect(Object.keys(env)).toEqual(['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_PUBLIC_KEY']);
      const service = await startTestService(env);
      try {
        const configure = await post(
          service,
          {
            query:
              'mutation { configurePlatform(input: { glue: { databases: ["a"] } }) { configured } }',
          },
          bearer(token),
        );
        expect(configure.body).toEqual({ data: { configurePlatform: { configured: true } } });
        expect((await post(service, { query: '{ __typename }' })).status).toBe(401);
      } finally {
        await service.close();
      }
    } finally {
      await rm(keys, { recursive: true, force: true });
    }
  });
});
