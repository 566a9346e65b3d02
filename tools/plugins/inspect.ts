import path from 'node:path';
import { pluginMigrations } from '@data-product-portal/plugin-sdk';
import { CONTRACT_VERSION } from '@data-product-portal/plugin-sdk/internal';
import { loadEnv, pluginSelection } from '../../src/env.js';
import { displayPath, projectRoot } from '../../src/paths.js';
import { packageCulprit } from '../../src/registry/plugin-package.js';
import { inspectPlugins, type LoadReport } from '../../src/registry/registry.js';
import { fragmentCheck } from '../schema-build/check-fragments.js';

interface Row {
  name: string;
  version: string;
  source: string;
  contractRange: string;
  /** Its migration folders, in the order they apply. */
  migrations: string[];
}

function rows(report: LoadReport): Row[] {
  return report.registry.list().map(({ plugin, source, package: pkg }) => ({
    name: plugin.name,
    version: plugin.version,
    source,
    // Plugins that are not packages are built with the host, against its own SDK.
    contractRange: pkg?.contractRange ?? `host (${CONTRACT_VERSION})`,
    migrations: pluginMigrations(plugin).map((migration) => displayPath(migration.dir)),
  }));
}

type Cells = Record<keyof Row, string>;

// The table shows how many migrations a plugin has and its latest one; --json lists them all.
function cells(row: Row): Cells {
  const latest = row.migrations.at(-1);
  const count = row.migrations.length;
  return {
    ...row,
    migrations: latest === undefined ? 'none' : `${count}, latest ${path.basename(latest)}`,
  };
}

function table(header: Cells, body: Cells[]): string {
  const keys = Object.keys(header) as Array<keyof Row>;
  const width = (key: keyof Row) => Math.max(...[header, ...body].map((row) => row[key].length));
  return [header, ...body]
    .map((row) =>
      keys
        .map((key) => row[key].padEnd(width(key)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function text(report: LoadReport, warnings: string[]): string {
  const lines = [`Plugin contract of this host: ${CONTRACT_VERSION}`, ''];
  const plugins = rows(report).map(cells);
  const header = {
    name: 'NAME',
    version: 'VERSION',
    source: 'SOURCE',
    contractRange: 'CONTRACT',
    migrations: 'MIGRATIONS',
  };
  lines.push(plugins.length > 0 ? table(header, plugins) : 'No plugin loads.');
  for (const pkg of report.excluded)
    lines.push(
      '',
      `Excluded by EXCLUDED_PLUGIN_PACKAGES: ${packageCulprit(pkg)} (${displayPath(pkg.dir)})`,
    );
  for (const warning of warnings) lines.push('', `Warning: ${warning}`);
  if (report.failures.length > 0) {
    lines.push(
      '',
      `Broken (${report.failures.length}):`,
      ...report.failures.map((failure) => `\n${failure.message}`),
    );
  }
  return lines.join('\n');
}

/**
 * `npm run plugins:inspect [-- --json]`: what the service would load, without starting it. Lists
 * each plugin with its version, source, contract range and migrations; exits 1 when any is broken.
 */
export async function pluginsInspect(args: readonly string[]): Promise<number> {
  const warnings: string[] = [];
  const report = await inspectPlugins({
    ...pluginSelection(loadEnv()),
    projectDir: projectRoot,
    verify: fragmentCheck(),
    warn: (m) => warnings.push(m),
  });
  if (args.includes('--json')) {
    const broken = report.failures.map((failure) => ({
      culprit: failure.culprit,
      message: failure.message,
    }));
    const excluded = report.excluded.map((pkg) => ({ name: pkg.name, version: pkg.version }));
    const json = {
      contractVersion: CONTRACT_VERSION,
      plugins: rows(report),
      excluded,
      warnings,
      broken,
    };
    console.log(JSON.stringify(json, null, 2));
  } else {
    console.log(text(report, warnings));
  }
  return report.failures.length > 0 ? 1 : 0;
}
