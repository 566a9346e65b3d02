import { existsSync } from 'node:fs';
import path from 'node:path';
import { MIGRATION_SQL, pluginMigrations } from '@data-product-portal/plugin-sdk';
import { displayPath, paths, projectRoot } from '../paths.js';
import { discoverPluginPackages } from './discover-packages.js';
import { exclusionHint, PluginLoadError, PluginLoadFailures } from './errors.js';
import {
  internalPluginFolders,
  type LoadedPlugin,
  loadEntryModule,
  loadInternalPlugin,
  loadPackagePlugin,
} from './load-module.js';
import type { PluginPackage } from './plugin-package.js';

export type RegisteredPlugin = LoadedPlugin;

/** The enabled plugins, by name. Listing order is by name, so it never depends on load order. */
export class PluginRegistry {
  readonly #plugins = new Map<string, RegisteredPlugin>();

  register(loaded: RegisteredPlugin): void {
    const { plugin, source } = loaded;
    const same = this.#plugins.get(plugin.name);
    if (same) {
      throw new PluginLoadError(
        source,
        `duplicates plugin name ${plugin.name}, already registered from ${same.source}. Enable only one of them.`,
      );
    }
    const sameKey = this.list().find((p) => p.plugin.platform.key === plugin.platform.key);
    if (sameKey) {
      throw new PluginLoadError(
        source,
        `duplicates platform key \`${plugin.platform.key}\` of plugin ${sameKey.plugin.name} (${sameKey.source}). Platform keys must be unique.`,
      );
    }
    const folders = new Set(pluginMigrations(plugin).map((migration) => migration.name));
    for (const other of this.list()) {
      const clash = pluginMigrations(other.plugin).find((migration) => folders.has(migration.name));
      if (clash) {
        throw new PluginLoadError(
          source,
          `its migration folder ${clash.name} has the name of plugin ${other.plugin.name}'s (${other.source}); ` +
            `their copies in prisma/migrations would overwrite each other. Give the migration folder a timestamp and name of its own.`,
        );
      }
    }
    this.#plugins.set(plugin.name, loaded);
  }

  get(name: string): RegisteredPlugin | undefined {
    return this.#plugins.get(name);
  }

  list(): RegisteredPlugin[] {
    return [...this.#plugins.values()].sort((a, b) => a.plugin.name.localeCompare(b.plugin.name));
  }

  names(): string[] {
    return this.list().map((p) => p.plugin.name);
  }

  /** Plugin name → its migration folders in the order they apply (the first creates its table). */
  migrations(): Record<string, string[]> {
    return Object.fromEntries(
      this.list().map(({ plugin }) => [plugin.name, pluginMigrations(plugin).map((m) => m.dir)]),
    );
  }
}

export interface LoadOptions {
  /** Parsed ENABLED_PLUGINS; undefined loads every internal plugin. */
  enabledPlugins?: readonly string[];
  /** Parsed EXCLUDED_PLUGIN_PACKAGES: discovered plugin packages not to load. */
  excludedPackages?: readonly string[];
  /** The project whose direct dependencies are plugin candidates; defaults to this service. */
  projectDir?: string;
  /** Base of relative module paths. */
  cwd?: string;
  /** Folder of the internal plugins. */
  internalDir?: string;
  log?: (message: string) => void;
  warn?: (message: string) => void;
  /**
   * A further check of each plugin before it is registered; throws a PluginLoadError. The service
   * checks that the generated Prisma client has the plugin's model (`modelCheck`); the schema build
   * checks the plugin's Prisma fragment itself.
   */
  verify?: (loaded: LoadedPlugin) => void;
  /** Accept plugins whose migration.sql files do not exist yet (only for the commands that write them). */
  allowMissingMigrations?: boolean;
}

/** Everything found: the registry of the plugins that loaded, and every failure. */
export interface LoadReport {
  registry: PluginRegistry;
  failures: PluginLoadError[];
  /** Plugin packages turned off by EXCLUDED_PLUGIN_PACKAGES. */
  excluded: PluginPackage[];
}

function isPluginName(entry: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(entry);
}

type Attempt = () => Promise<LoadedPlugin>;

/** The ENABLED_PLUGINS selection: internal plugin names and module entries. */
async function selectedPlugins(
  options: LoadOptions,
  packageNames: ReadonlySet<string>,
  attempt: (culprit: string, load: Attempt) => Promise<LoadedPlugin | undefined>,
) {
  const internalDir = options.internalDir ?? paths.internalPlugins;
  const internal = (
    await Promise.all(
      internalPluginFolders(internalDir).map((folder) =>
        attempt(folder, () => loadInternalPlugin(folder)),
      ),
    )
  ).filter((loaded) => loaded !== undefined);
  if (options.enabledPlugins === undefined) return internal;
  const byName = new Map(internal.map((loaded) => [loaded.plugin.name, loaded]));
  const selected: LoadedPlugin[] = [];
  // A discovered package also named in ENABLED_PLUGINS is loaded once, as a package.
  for (const entry of options.enabledPlugins.filter((e) => !packageNames.has(e))) {
    const known = byName.get(entry);
    const loaded = known
      ? known
      : await attempt(entry, async () => {
          if (!isPluginName(entry))
            return loadEntryModule(
              entry,
              options.cwd ?? process.cwd(),
              options.projectDir ?? projectRoot,
            );
          throw new PluginLoadError(
            entry,
            `no internal plugin has this name (internal plugins: ${[...byName.keys()].sort().join(', ')}).`,
          );
        });
    if (loaded) selected.push(loaded);
  }
  return selected;
}

/** A package's failure ends with how to start without the package. */
function withExclusionHint(error: unknown, loaded: LoadedPlugin): unknown {
  if (!(error instanceof PluginLoadError) || !loaded.package) return error;
  return new PluginLoadError(
    error.culprit,
    `${error.reason}\n${exclusionHint(loaded.package.name)}`,
  );
}

/** Why a plugin's migrations cannot be applied as they are, if they cannot. */
function migrationProblem({ plugin }: LoadedPlugin): string | undefined {
  const write = `run \`npm run migration:create -- --plugin ${plugin.name}\``;
  const migrations = pluginMigrations(plugin);
  if (migrations.length === 0)
    return `its migrations folder ${displayPath(plugin.migrations ?? '')} holds no migration yet: ${write}.`;
  const missing = migrations
    .map((migration) => path.join(migration.dir, MIGRATION_SQL))
    .filter((file) => !existsSync(file));
  if (missing.length === 0) return undefined;
  return `its migration ${missing.map(displayPath).join(', ')} does not exist: ${write}.`;
}

/** Registers a loaded plugin once its migrations and `verify` pass; throws a PluginLoadError. */
function admit(loaded: LoadedPlugin, registry: PluginRegistry, options: LoadOptions): LoadedPlugin {
  const { plugin, source } = loaded;
  const problem = options.allowMissingMigrations ? undefined : migrationProblem(loaded);
  if (problem !== undefined) throw new PluginLoadError(source, problem);
  try {
    options.verify?.(loaded);
    registry.register(loaded);
  } catch (error) {
    throw withExclusionHint(error, loaded);
  }
  options.log?.(`Loaded plugin ${plugin.name} ${plugin.version} from ${source}`);
  return loaded;
}

/**
 * Loads every plugin it can: the internal ones (or the ENABLED_PLUGINS selection) and the plugin
 * packages among the project's direct dependencies. Never throws a PluginLoadError; it reports them.
 */
export async function inspectPlugins(options: LoadOptions = {}): Promise<LoadReport> {
  const report: LoadReport = { registry: new PluginRegistry(), failures: [], excluded: [] };
  const attempt = async (culprit: string, load: Attempt) => {
    try {
      return await load();
    } catch (error) {
      report.failures.push(
        error instanceof PluginLoadError ? error : new PluginLoadError(culprit, String(error)),
      );
      return undefined;
    }
  };
  const projectDir = options.projectDir ?? projectRoot;
  const discovery = discoverPluginPackages({
    projectDir,
    excluded: options.excludedPackages,
    log: options.log,
    warn: options.warn,
  });
  report.failures.push(...discovery.failures);
  report.excluded = discovery.excluded;
  const candidates = await selectedPlugins(
    options,
    new Set(discovery.packages.map((pkg) => pkg.name)),
    attempt,
  );
  for (const pkg of discovery.packages) {
    const loaded = await attempt(pkg.name, () => loadPackagePlugin(pkg, projectDir));
    if (loaded) candidates.push(loaded);
  }
  for (const loaded of candidates) {
    await attempt(loaded.source, async () => admit(loaded, report.registry, options));
  }
  return report;
}

/** Loads the plugins into a registry; broken ones stop it with one PluginLoadFailures naming each. */
export async function loadRegistry(options: LoadOptions = {}): Promise<PluginRegistry> {
  const report = await inspectPlugins(options);
  if (report.failures.length > 0) throw new PluginLoadFailures(report.failures);
  return report.registry;
}
