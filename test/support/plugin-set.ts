import { projectRoot } from '../../src/paths.js';
import { discoverPluginPackages } from '../../src/registry/discover-packages.js';

// The plugins the tests are about. A checkout may hold more: a plugin written with
// `npm run plugin:new`, a plugin package installed to try it. Tests name the plugins they test, so
// they pass in such a checkout too.

/** The internal plugins the service ships with. */
export const REFERENCE_PLUGINS = [
  'DatabricksDataOutput',
  'GlueDataOutput',
  'RedshiftDataOutput',
  'SnowflakeDataOutput',
];

/** The plugin packages installed in this checkout (none in a clean one). */
export function installedPluginPackages(): string[] {
  return discoverPluginPackages({ projectDir: projectRoot }).packages.map((pkg) => pkg.name);
}

/** The environment that limits the service to the reference plugins. */
export function referencePluginsEnv(): Record<string, string> {
  return {
    ENABLED_PLUGINS: REFERENCE_PLUGINS.join(','),
    EXCLUDED_PLUGIN_PACKAGES: installedPluginPackages().join(','),
  };
}
