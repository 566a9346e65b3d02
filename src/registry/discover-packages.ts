import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../paths.js';
import { PluginLoadError } from './errors.js';
import { type PluginPackage, packageCulprit, readPluginPackage } from './plugin-package.js';

export interface Discovery {
  /** Plugin packages to load, by package name. */
  packages: PluginPackage[];
  /** Plugin packages turned off by the exclusion list; never imported. */
  excluded: PluginPackage[];
  /** Dependencies whose package.json is not a readable plugin manifest. */
  failures: PluginLoadError[];
}

export interface DiscoverOptions {
  /** The project whose direct dependencies are searched (its package.json and node_modules). */
  projectDir: string;
  /** Package names never to load (EXCLUDED_PLUGIN_PACKAGES). */
  excluded?: readonly string[];
  log?: (message: string) => void;
  warn?: (message: string) => void;
}

function directDependencies(projectDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  return [
    ...new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]),
  ].sort();
}

/**
 * Finds the plugin packages among the project's direct dependencies (`dependencies` and
 * `optionalDependencies`), reading only their package.json. Dependencies of dependencies are
 * never searched: a plugin runs because the project chose to install it.
 */
export function discoverPluginPackages(options: DiscoverOptions): Discovery {
  const excludedNames = new Set(options.excluded ?? []);
  const discovery: Discovery = { packages: [], excluded: [], failures: [] };
  const dependencies = directDependencies(options.projectDir);
  // Names (dependency keys and package names) of the plugin packages found.
  const found = new Set<string>();
  for (const name of dependencies) {
    const dir = path.join(options.projectDir, 'node_modules', name);
    if (!existsSync(path.join(dir, 'package.json'))) {
      options.warn?.(
        `Dependency ${name} is not installed, so it was not searched for a plugin: run \`npm install\`.`,
      );
      continue;
    }
    let pkg: PluginPackage | undefined;
    try {
      pkg = readPluginPackage(dir, name);
    } catch (error) {
      if (!(error instanceof PluginLoadError)) throw error;
      if (excludedNames.has(name)) continue;
      discovery.failures.push(error);
      continue;
    }
    if (!pkg) continue;
    found.add(name).add(pkg.name);
    const where = `${displayPath(dir)} (entry ${pkg.entry}, contract ${pkg.contractRange ?? 'undeclared'})`;
    // An npm alias installs a package under another name: either name excludes it.
    if (excludedNames.has(pkg.name) || excludedNames.has(name)) {
      discovery.excluded.push(pkg);
      options.log?.(
        `Excluded plugin ${packageCulprit(pkg)} in ${displayPath(dir)}: it is listed in EXCLUDED_PLUGIN_PACKAGES.`,
      );
    } else {
      discovery.packages.push(pkg);
      options.log?.(`Discovered plugin ${packageCulprit(pkg)} in ${where}`);
    }
  }
  for (const name of [...excludedNames].filter((n) => !found.has(n))) {
    options.warn?.(
      `EXCLUDED_PLUGIN_PACKAGES names ${name}, which is not an installed plugin package (a direct dependency with a "dataProductPortal" field).`,
    );
  }
  if (discovery.packages.length + discovery.excluded.length + discovery.failures.length === 0) {
    options.log?.(
      `No plugin packages among the ${dependencies.length} direct dependencies in ${displayPath(path.join(options.projectDir, 'package.json'))}.`,
    );
  }
  return discovery;
}
