import type { DataOutputPlugin } from '@data-product-portal/plugin-sdk';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { displayPath, paths } from '../paths.js';
import { PluginLoadError } from './errors.js';
import { loadEntryModule, loadInternalPlugins, type LoadedPlugin } from './load-module.js';

export type RegisteredPlugin = LoadedPlugin;

/** The enabled plugins, by name. Listing order is by name, so it never depends on load order. */
export class PluginRegistry {
  readonly #plugins = new Map<string, RegisteredPlugin>();

  register(plugin: DataOutputPlugin, source: string): void {
    const same = this.#plugins.get(plugin.name);
    if (same) {
      throw new PluginLoadError(source, `duplicates plugin name ${plugin.name}, already registered from ${same.source}. Enable only one of them.`);
    }
    const sameKey = this.list().find((p) => p.plugin.platform.key === plugin.platform.key);
    if (sameKey) {
      throw new PluginLoadError(
        source,
        `duplicates platform key \`${plugin.platform.key}\` of plugin ${sameKey.plugin.name} (${sameKey.source}). Platform keys must be unique.`,
      );
    }
    this.#plugins.set(plugin.name, { plugin, source });
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

  /** Plugin name → the migration folder that creates the plugin's table. */
  migrations(): Record<string, string> {
    return Object.fromEntries(this.list().map(({ plugin }) => [plugin.name, plugin.migration]));
  }

  /** Forgets every plugin (tests load different sets into one registry). */
  reset(): void {
    this.#plugins.clear();
  }
}

export interface LoadOptions {
  /** Parsed ENABLED_PLUGINS; undefined loads every internal plugin. */
  enabledPlugins?: readonly string[];
  /** Base of relative module paths. */
  cwd?: string;
  /** Folder of the internal plugins. */
  internalDir?: string;
  log?: (message: string) => void;
  /** Accept plugins whose migration.sql does not exist yet (only for the command that writes it). */
  allowMissingMigrations?: boolean;
}

function isPluginName(entry: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(entry);
}

/** Loads the enabled plugins into a registry; the first broken entry stops it with a PluginLoadError. */
export async function loadRegistry(options: LoadOptions = {}, registry = new PluginRegistry()): Promise<PluginRegistry> {
  const internal = await loadInternalPlugins(options.internalDir ?? paths.internalPlugins);
  const byName = new Map(internal.map((loaded) => [loaded.plugin.name, loaded]));
  const loaded: LoadedPlugin[] = [];
  if (options.enabledPlugins === undefined) {
    loaded.push(...internal);
  } else {
    for (const entry of options.enabledPlugins) {
      const known = byName.get(entry);
      if (known) loaded.push(known);
      else if (isPluginName(entry)) {
        throw new PluginLoadError(entry, `no internal plugin has this name (internal plugins: ${[...byName.keys()].sort().join(', ')}).`);
      } else loaded.push(await loadEntryModule(entry, options.cwd ?? process.cwd()));
    }
  }
  for (const { plugin, source } of loaded) {
    const migration = path.join(plugin.migration, 'migration.sql');
    if (!options.allowMissingMigrations && !existsSync(migration)) {
      throw new PluginLoadError(source, `its migration ${displayPath(migration)} does not exist: run \`npm run migration:create -- --plugin ${plugin.name}\`.`);
    }
    registry.register(plugin, source);
    options.log?.(`Loaded plugin ${plugin.name} ${plugin.version} from ${source}`);
  }
  return registry;
}
