import { readFileSync } from 'node:fs';
import { describeConfig } from '../config-schema/describe.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { FragmentSource } from './fragment.js';

/** The Prisma fragment of every registered plugin, in the registry's order. */
export function fragmentsOf(registry: PluginRegistry): FragmentSource[] {
  return registry.list().map(({ plugin }) => ({
    pluginName: plugin.name,
    relationField: plugin.platform.key,
    file: plugin.prismaFragment,
    text: readFileSync(plugin.prismaFragment, 'utf8'),
    configFields: describeConfig(plugin.name, plugin.config).map((field) => field.name),
  }));
}
