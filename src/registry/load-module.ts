import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataOutputPlugin } from '@data-product-portal/plugin-sdk';
import { displayPath, paths } from '../paths.js';
import { checkPlugin, isBrandedPlugin } from './check-plugin.js';
import { exclusionHint, PluginLoadError } from './errors.js';
import {
  type CheckedPackage,
  checkPluginPackage,
  checkSharedCopies,
  type PluginPackage,
  packageCulprit,
} from './plugin-package.js';

export interface LoadedPlugin {
  plugin: DataOutputPlugin;
  /** Where it came from, as logged and shown in the API. */
  source: string;
  /** The npm package it came from, when it was discovered as one. */
  package?: CheckedPackage;
}

function isModuleNotFound(error: unknown, specifier: string): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : '';
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(specifier)
  );
}

async function importModule(culprit: string, specifier: string): Promise<Record<string, unknown>> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (
      isModuleNotFound(error, specifier) ||
      isModuleNotFound(error, specifier.replace(/^file:\/\//, ''))
    ) {
      throw new PluginLoadError(
        culprit,
        `cannot be resolved (${message}). Check the name or path, or install the package.`,
      );
    }
    throw new PluginLoadError(culprit, `throws while being imported: ${message}`);
  }
}

/** Picks the plugin export: the named one, else `default`, else the module's only plugin export. */
function pickExport(
  culprit: string,
  exports: Record<string, unknown>,
  exportName?: string,
): unknown {
  if (exportName) {
    if (!(exportName in exports)) {
      throw new PluginLoadError(
        culprit,
        `has no export \`${exportName}\` (exports: ${Object.keys(exports).join(', ') || 'none'}).`,
      );
    }
    return exports[exportName];
  }
  if ('default' in exports) return exports.default;
  const branded = Object.values(exports).filter(isBrandedPlugin);
  if (branded.length === 1) return branded[0];
  throw new PluginLoadError(
    culprit,
    branded.length === 0
      ? 'exports no plugin: export one made with definePlugin() as default, or name it with `#exportName`.'
      : 'exports several plugins: name the one to load with `#exportName`.',
  );
}

/** Imports a module and returns its checked plugin; every failure names the culprit. */
export async function loadPluginModule(
  culprit: string,
  specifier: string,
  exportName?: string,
): Promise<DataOutputPlugin> {
  const exported = pickExport(culprit, await importModule(culprit, specifier), exportName);
  const result = checkPlugin(exported);
  if (result.problems) {
    const label = exportName ? `export \`${exportName}\`` : 'its export';
    throw new PluginLoadError(
      culprit,
      `${label} is not a valid plugin:\n- ${result.problems.join('\n- ')}`,
    );
  }
  return result.plugin;
}

const ENTRY = paths.internalPluginEntry;

/**
 * The internal plugin folders: each folder of `dir` with an entry (`index.ts`, or `index.js` in
 * the compiled service) and no package.json of its own.
 */
export function internalPluginFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(dir, d.name))
    .filter(
      (folder) =>
        existsSync(path.join(folder, ENTRY)) && !existsSync(path.join(folder, 'package.json')),
    )
    .sort();
}

function internalSource(folder: string): string {
  return `internal (${displayPath(folder)})`;
}

export async function loadInternalPlugin(folder: string): Promise<LoadedPlugin> {
  const source = internalSource(folder);
  return {
    plugin: await loadPluginModule(source, pathToFileURL(path.join(folder, ENTRY)).href),
    source,
  };
}

/** Imports a discovered plugin package's entry, after the checks that need no import. */
export async function loadPackagePlugin(
  pkg: PluginPackage,
  hostDir: string,
): Promise<LoadedPlugin> {
  const source = packageCulprit(pkg);
  try {
    const { url, contractRange } = checkPluginPackage(pkg, hostDir);
    return {
      plugin: await loadPluginModule(source, url),
      source,
      package: { ...pkg, contractRange },
    };
  } catch (error) {
    if (!(error instanceof PluginLoadError)) throw error;
    throw new PluginLoadError(source, `${error.reason}\n${exclusionHint(pkg.name)}`);
  }
}

/** Imports an ENABLED_PLUGINS module entry: `package`, `package#export` or `./file.js#export`. */
export async function loadEntryModule(
  entry: string,
  cwd: string,
  hostDir: string,
): Promise<LoadedPlugin> {
  const [specifier = '', exportName] = entry.split('#');
  const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
  const file = path.resolve(cwd, specifier);
  // A missing file is reported by the import, as for packages.
  if (isPath && existsSync(file))
    checkSharedCopies(entry, path.dirname(realpathSync(file)), hostDir);
  const target = isPath ? pathToFileURL(file).href : specifier;
  return { plugin: await loadPluginModule(entry, target, exportName), source: entry };
}

/** Every internal plugin; the first broken one rejects. */
export function loadInternalPlugins(dir: string): Promise<LoadedPlugin[]> {
  return Promise.all(internalPluginFolders(dir).map(loadInternalPlugin));
}
