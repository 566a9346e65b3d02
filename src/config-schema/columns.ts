import type { ConfigField } from './describe.js';

/** A configuration field and the Prisma scalar types that can store its values. */
export interface ConfigColumn {
  name: string;
  /** e.g. `['Int', 'BigInt']` for an integer field. */
  prismaTypes: readonly string[];
}

// Enum values are stored as text: a fragment may declare no Prisma enum of its own.
const PRISMA_TYPES = {
  String: ['String'],
  Boolean: ['Boolean'],
  Int: ['Int', 'BigInt'],
  Float: ['Float', 'Decimal'],
} as const;

/** The column a configuration field needs in the plugin's table. */
export function columnOf(field: ConfigField): ConfigColumn {
  return {
    name: field.name,
    prismaTypes: typeof field.type === 'object' ? PRISMA_TYPES.String : PRISMA_TYPES[field.type],
  };
}
