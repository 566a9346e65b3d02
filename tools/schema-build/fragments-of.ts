import { readFileSync } from 'node:fs';
import type { DataOutputPlugin } from '@data-product-portal/plugin-sdk';
import { columnOf } from '../../src/config-schema/columns.js';
import { describeConfig } from '../../src/config-schema/describe.js';
import type { PluginRegistry } from '../../src/registry/registry.js';
import type { FragmentSource } from './fragment.js';

/** A plugin's Prisma fragment with what it must agree with: its platform key and config fields. */
export function fragmentOf(plugin: DataOutputPlugin): FragmentSource {
  return {
    pluginName: plugin.name,
    relationField: plugin.platform.key,
    file: plugin.prismaFragment,
    text: readFileSync(plugin.prismaFragment, 'utf8'),
    configFields: describeConfig(plugin.name, plugin.config).map(columnOf),
  };
}

/** The Prisma fragment of every registered plugin, in the registry's order. */
export function fragmentsOf(registry: PluginRegistry): FragmentSource[] {
  return registry.list().map(({ plugin }) => fragmentOf(plugin));
}
