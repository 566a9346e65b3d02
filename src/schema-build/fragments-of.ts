import { readFileSync } from 'node:fs';
import type { DataOutputPlugin } from '@data-product-portal/plugin-sdk';
import { type ConfigField, describeConfig } from '../config-schema/describe.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { ConfigColumn, FragmentSource } from './fragment.js';

// Enum values are stored as text: a fragment may declare no Prisma enum of its own.
const PRISMA_TYPES = {
  String: ['String'],
  Boolean: ['Boolean'],
  Int: ['Int', 'BigInt'],
  Float: ['Float', 'Decimal'],
} as const;

function columnOf(field: ConfigField): ConfigColumn {
  return {
    name: field.name,
    prismaTypes: typeof field.type === 'object' ? PRISMA_TYPES.String : PRISMA_TYPES[field.type],
  };
}

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
