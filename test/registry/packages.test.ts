import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTRACT_VERSION } from '@data-product-portal/plugin-sdk/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginLoadFailures } from '../../src/registry/errors.js';
import { inspectPlugins, type LoadOptions, loadRegistry } from '../../src/registry/registry.js';
import { fragmentCheck } from '../../tools/schema-build/check-fragments.js';
import { type FixtureProject, fixtureProject } from '../support/fixture-project.js';

const HINT = (name: string) =>
  `To start without it, uninstall it (\`npm uninstall ${name}\`) or add it to EXCLUDED_PLUGIN_PACKAGES.`;

let projects: FixtureProject[] = [];
afterEach(() => {
  for (const project of projects) project.remove();
  projects = [];
});

/** Loads with only the Glue internal plugin, from a project whose dependencies are the fixtures. */
async function inspect(packages: Record<string, string>, options: LoadOptions = {}) {
  const project = fixtureProject(packages);
  projects.push(project);
  const logs: string[] = [];
  const warnings: string[] = [];
  const report = await inspectPlugins({
    enabledPlugins: ['GlueDataOutput'],
    projectDir: project.dir,
    log: (m) => logs.push(m),
    warn: (m) => warnings.push(m),
    // As the tools load: each fragment checked (the service checks the generated client instead).
    verify: fragmentCheck(),
    ...options,
  });
  return { report, logs, warnings, dir: project.dir };
}

async function onlyFailure(folder: string, name: string): Promise<string> {
  const { report } = await inspect({ [folder]: name, plain: '@fixture/plain-library' });
  expect(report.failures).toHaveLength(1);
  expect(report.failures[0]?.culprit).toBe(`package ${name}@1.0.0`);
  expect(report.registry.names()).toEqual(['GlueDataOutput']);
  return report.failures[0]?.message ?? '';
}

describe('plugin packages among the direct dependencies', () => {
  it('loads a package with the marker, names its source and logs where it was found', async () => {
    const { report, logs, dir } = await inspect({
      good: '@fixture/portal-plugin-good',
      plain: '@fixture/plain-library',
    });
    expect(report.failures).toEqual([]);
    expect(report.registry.names()).toEqual(['ExampleDataOutput', 'GlueDataOutput']);
    const loaded = report.registry.get('ExampleDataOutput');
    expect(loaded?.source).toBe('package @fixture/portal-plugin-good@1.0.0');
    expect(loaded?.package).toMatchObject({
      name: '@fixture/portal-plugin-good',
      version: '1.0.0',
      entry: './plugin',
      contractRange: '^1.0.0',
    });
    expect(logs).toContain(
      `Discovered plugin package @fixture/portal-plugin-good@1.0.0 in ${path.join(dir, 'node_modules/@fixture/portal-plugin-good')} (entry ./plugin, contract ^1.0.0)`,
    );
    expect(logs).toContain(
      'Loaded plugin ExampleDataOutput 0.3.1 from package @fixture/portal-plugin-good@1.0.0',
    );
    expect(report.registry.migrations().ExampleDataOutput).toEqual([
      path.resolve('test/fixtures/plugins/example/migrations/20260101000000_example_data_output'),
    ]);
    // The plain library throws when imported: it never was.
  });

  it('turns off an excluded package without importing it, and says so', async () => {
    const { report, logs, warnings } = await inspect(
      { good: '@fixture/portal-plugin-good', 'throws-on-import': '@fixture/portal-plugin-throws' },
      { excludedPackages: ['@fixture/portal-plugin-throws', '@fixture/not-installed'] },
    );
    expect(report.failures).toEqual([]);
    expect(report.registry.names()).toEqual(['ExampleDataOutput', 'GlueDataOutput']);
    expect(report.excluded.map((pkg) => pkg.name)).toEqual(['@fixture/portal-plugin-throws']);
    expect(
      logs.some((m) =>
        m.startsWith('Excluded plugin package @fixture/portal-plugin-throws@1.0.0 in '),
      ),
    ).toBe(true);
    expect(warnings).toEqual([
      'EXCLUDED_PLUGIN_PACKAGES names @fixture/not-installed, which is not an installed plugin package (a direct dependency with a "dataProductPortal" field).',
    ]);
  });

  it('loads a package also named in ENABLED_PLUGINS once', async () => {
    const { report } = await inspect(
      { good: '@fixture/portal-plugin-good' },
      { enabledPlugins: ['GlueDataOutput', '@fixture/portal-plugin-good'] },
    );
    expect(report.failures).toEqual([]);
    expect(report.registry.get('ExampleDataOutput')?.source).toBe(
      'package @fixture/portal-plugin-good@1.0.0',
    );
  });

  it('refuses an incompatible contract range from package.json, before importing the package', async () => {
    expect(await onlyFailure('incompatible', '@fixture/portal-plugin-incompatible')).toBe(
      `Plugin package @fixture/portal-plugin-incompatible@1.0.0: was built for plugin contract ^2.0.0; this host implements contract ${CONTRACT_VERSION}. ` +
        `Install a version of the plugin built for ${CONTRACT_VERSION}, or run a host whose contract is in ^2.0.0.\n` +
        HINT('@fixture/portal-plugin-incompatible'),
    );
  });

  it('refuses a package that declares no contract range', async () => {
    expect(await onlyFailure('no-range', '@fixture/portal-plugin-no-range')).toBe(
      'Plugin package @fixture/portal-plugin-no-range@1.0.0: declares no plugin contract range: add ' +
        `"peerDependencies": { "@data-product-portal/plugin-sdk": "^${CONTRACT_VERSION}" } to its package.json.\n` +
        HINT('@fixture/portal-plugin-no-range'),
    );
  });

  it('refuses a marker whose entry is not exported, or is not a subpath', async () => {
    expect(await onlyFailure('bad-entry', '@fixture/portal-plugin-bad-entry')).toBe(
      'Plugin package @fixture/portal-plugin-bad-entry@1.0.0: declares plugin entry "./plugin", which its package.json `exports` does not list: ' +
        'export it, e.g. "exports": { "./plugin": "./dist/index.js" }.\n' +
        HINT('@fixture/portal-plugin-bad-entry'),
    );
    expect(await onlyFailure('bad-marker', '@fixture/portal-plugin-bad-marker')).toBe(
      'Plugin package @fixture/portal-plugin-bad-marker@1.0.0: its package.json `dataProductPortal.plugin` must be an export subpath such as "./plugin" (or "." for the main export).\n' +
        HINT('@fixture/portal-plugin-bad-marker'),
    );
  });

  it('refuses a package that throws on import', async () => {
    expect(await onlyFailure('throws-on-import', '@fixture/portal-plugin-throws')).toBe(
      'Plugin package @fixture/portal-plugin-throws@1.0.0: throws while being imported: S3 credentials missing at import time\n' +
        HINT('@fixture/portal-plugin-throws'),
    );
  });

  it('refuses a package that exports no plugin', async () => {
    expect(await onlyFailure('no-plugin-export', '@fixture/portal-plugin-no-export')).toBe(
      'Plugin package @fixture/portal-plugin-no-export@1.0.0: exports no plugin: export one made with definePlugin() as default, or name it with `#exportName`.\n' +
        HINT('@fixture/portal-plugin-no-export'),
    );
  });

  it('refuses a duplicate plugin name, naming both sources', async () => {
    expect(await onlyFailure('duplicate-glue', '@fixture/portal-plugin-duplicate-glue')).toBe(
      'Plugin package @fixture/portal-plugin-duplicate-glue@1.0.0: duplicates plugin name GlueDataOutput, already registered from internal (plugins/glue). ' +
        'Enable only one of them.\n' +
        HINT('@fixture/portal-plugin-duplicate-glue'),
    );
  });

  it('refuses a package whose Prisma fragment fails validation', async () => {
    expect(await onlyFailure('bad-fragment', '@fixture/portal-plugin-bad-fragment')).toBe(
      'Plugin package @fixture/portal-plugin-bad-fragment@1.0.0: its Prisma fragment test/fixtures/packages/bad-fragment/model.prisma is invalid:\n' +
        '- configuration field `note` has no column: add `note` to model ExampleDataOutput.\n' +
        "- column `notes` is not a field of the plugin's configuration schema: remove it or add the field.\n" +
        'Fix the fragment, then run `npm run schema:build`.\n' +
        HINT('@fixture/portal-plugin-bad-fragment'),
    );
  });

  it('refuses a package that resolves its own copy of zod', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'portal-own-zod-'));
    try {
      cpSync(path.resolve('test/fixtures/packages/good'), copy, { recursive: true });
      mkdirSync(path.join(copy, 'node_modules/zod'), { recursive: true });
      writeFileSync(
        path.join(copy, 'node_modules/zod/package.json'),
        JSON.stringify({ name: 'zod', version: '4.0.0' }),
      );
      const message = await onlyFailure(copy, '@fixture/portal-plugin-good');
      expect(message).toMatch(
        /^Plugin package @fixture\/portal-plugin-good@1\.0\.0: resolves its own copy of zod \(.+\/node_modules\/zod\), not the host's \(.+\/node_modules\/zod\); /,
      );
      expect(message).toContain(
        `two copies reject each other's schemas. The copy is in the package's own ${copy}/node_modules (from \`npm install\` in its folder): ` +
          'delete that folder, or install the package from its `npm pack` tarball.',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses a plugin module by path that resolves its own copy of zod, before importing it', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'portal-own-zod-module-'));
    try {
      writeFileSync(path.join(folder, 'index.ts'), "throw new Error('imported');\n");
      mkdirSync(path.join(folder, 'node_modules/zod'), { recursive: true });
      writeFileSync(
        path.join(folder, 'node_modules/zod/package.json'),
        JSON.stringify({ name: 'zod', version: '4.0.0' }),
      );
      const entry = path.join(folder, 'index.ts');
      const { report } = await inspect({}, { enabledPlugins: ['GlueDataOutput', entry] });
      expect(report.failures.map((failure) => failure.culprit)).toEqual([entry]);
      expect(report.failures[0]?.reason).toMatch(
        /^resolves its own copy of zod \(.+\); two copies reject each other's schemas\. /,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('warns about a dependency that is not installed', async () => {
    const project = fixtureProject({}, { optional: { '@fixture/absent': '1.0.0' } });
    projects.push(project);
    const warnings: string[] = [];
    await inspectPlugins({
      enabledPlugins: ['GlueDataOutput'],
      projectDir: project.dir,
      warn: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([
      'Dependency @fixture/absent is not installed, so it was not searched for a plugin: run `npm install`.',
    ]);
  });

  it('reports every broken package in one start-up error', async () => {
    const project = fixtureProject({
      incompatible: '@fixture/portal-plugin-incompatible',
      'throws-on-import': '@fixture/portal-plugin-throws',
    });
    projects.push(project);
    const warnings: string[] = [];
    const error = await loadRegistry({
      enabledPlugins: ['GlueDataOutput'],
      projectDir: project.dir,
      warn: (m) => warnings.push(m),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginLoadFailures);
    const { failures, message } = error as PluginLoadFailures;
    expect(failures.map((failure) => failure.culprit)).toEqual([
      'package @fixture/portal-plugin-incompatible@1.0.0',
      'package @fixture/portal-plugin-throws@1.0.0',
    ]);
    expect(message.split('\n')[0]).toBe('2 plugins cannot be loaded:');
    for (const failure of failures) expect(message).toContain(failure.message);
    expect(warnings).toEqual([]);
  });
});
