import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import {
  COMPILED,
  type CommandRun,
  commandEnv,
  copyProject,
  describeRun,
  makeScratchFolder,
  type RunningService,
  runCommand,
  startServiceProcess,
} from '../support/scratch-project.js';

// A deployment as the README describes it, on a copy of the project: build with the development
// dependencies, then install for production. Only what serves is installed, and the service
// starts and serves from the build with plain Node.

const BUILD_ONLY = [
  'typescript',
  'tsx',
  'prisma',
  '@prisma/prisma-schema-wasm',
  '@microsoft/api-extractor',
  // The form preview page is bundled at build time; what serves it needs none of these.
  'esbuild',
  'react',
  '@rjsf/core',
  '@biomejs/biome',
  'vitest',
];

function expectSuccess(run: CommandRun): void {
  expect(run.code, describeRun(run)).toBe(0);
}

describe('a production install after the build', { timeout: 300_000 }, () => {
  let scratch = '';
  let service: RunningService | undefined;
  const npm = (args: string[]) =>
    runCommand('npm', args, { cwd: scratch, env: commandEnv(), timeoutMs: 240_000 });

  beforeAll(async () => {
    scratch = await makeScratchFolder('production-install-');
    // The build under test writes the seeds itself.
    await copyProject(projectRoot, scratch, { seeds: false });
  }, 600_000);

  afterAll(async () => {
    await service?.stop();
    if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  }, 120_000);

  it('builds, installs without the build tools, and serves from dist/', async () => {
    expectSuccess(await npm(['run', 'build:sdk']));
    expectSuccess(await npm(['run', 'schema:build']));
    expectSuccess(await npm(['run', 'build']));

    const install = await npm(['ci', '--omit=dev', '--omit=optional', '--no-audit', '--no-fund']);
    expectSuccess(install);
    expect(install.stdout).toContain('Production install: the build tools are not installed');
    const present = BUILD_ONLY.filter((name) =>
      existsSync(path.join(scratch, 'node_modules', name)),
    );
    expect(present).toEqual([]);

    service = await startServiceProcess(
      scratch,
      commandEnv({ PORT: '0', HOST: '127.0.0.1', PGLITE_DIR: path.join(scratch, 'data/pglite') }),
      120_000,
      COMPILED,
    );
    expect(service.logs()).toContain(
      'Loaded plugin GlueDataOutput 1.0.0 from internal (dist/plugins/glue)',
    );
    const ask = async (query: string) => {
      const url = service?.url ?? '';
      const body = JSON.stringify({ query });
      const headers = { 'content-type': 'application/json' };
      return (await fetch(url, { method: 'POST', headers, body })).json();
    };
    expect(
      await ask(
        'mutation { configurePlatform(input: { glue: { databases: ["sales"] } }) { configured } }',
      ),
    ).toEqual({ data: { configurePlatform: { configured: true } } });
    expect(
      await ask(
        'mutation { createDataOutputConfiguration(input: { glue: { database: "sales", databaseSuffix: "orders" } }) { plugin } }',
      ),
    ).toEqual({ data: { createDataOutputConfiguration: { plugin: 'GlueDataOutput' } } });
    // The form preview page, bundled before the production install, is served from dist/.
    const base = (service?.url ?? '').replace(/\/graphql$/, '');
    const page = await fetch(`${base}/forms`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/forms/main.js');
    const script = await fetch(`${base}/forms/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await service.stop()).toBe(0);
    service = undefined;
  });
});
