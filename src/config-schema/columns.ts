import { type ConfigColumn, PRISMA_TYPES } from '@data-product-portal/plugin-sdk/internal';
import type { ConfigField } from './describe.js';

export type { ConfigColumn };

/** The column a configuration field needs in the plugin's table (the rule is the SDK's). */
export function columnOf(field: ConfigField): ConfigColumn {
  return {
    name: field.name,
    prismaTypes: typeof field.type === 'object' ? PRISMA_TYPES.Enum : PRISMA_TYPES[field.type],
    ...(field.defaultValue === undefined ? {} : { defaultValue: field.defaultValue }),
  };
}
