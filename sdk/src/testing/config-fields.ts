import { z } from 'zod';
import type { ConfigSchema } from '../define-plugin.js';
import type { FormFieldMeta } from '../field.js';
import type { FieldFacts } from '../rules/fields.js';
import { type ConfigColumn, PRISMA_TYPES } from '../rules/fragment.js';

// A plugin's configuration fields as the kit reads them from the Zod schema: the kinds the service
// maps (string, number, boolean, enum; optional, nullable or with a default), their defaults,
// descriptions and form metadata.

/** One configuration field, with what the rules and the fragment check need. */
export interface KitField extends FieldFacts {
  column: ConfigColumn;
}

export interface ReadFields {
  fields: KitField[];
  problems: string[];
}

interface Unwrapped {
  inner: z.core.$ZodTypes;
  defaultValue?: unknown;
}

function unwrap(schema: z.core.$ZodType): Unwrapped {
  const typed = schema as z.core.$ZodTypes;
  const def = typed._zod.def;
  if (def.type === 'optional' || def.type === 'nullable') return unwrap(def.innerType);
  if (def.type === 'default') return { ...unwrap(def.innerType), defaultValue: def.defaultValue };
  return { inner: typed };
}

function kindOf(inner: z.core.$ZodTypes): keyof typeof PRISMA_TYPES | undefined {
  const def = inner._zod.def;
  if (def.type === 'string') return 'String';
  if (def.type === 'boolean') return 'Boolean';
  if (def.type === 'enum') return 'Enum';
  if (def.type === 'number') return inner instanceof z.ZodNumber && inner.isInt ? 'Int' : 'Float';
  return undefined;
}

const isScalar = (value: unknown): value is string | number | boolean =>
  ['string', 'number', 'boolean'].includes(typeof value);

/** The object a configuration is read from: the input side of a `.transform()` pipe. */
export function inputObject(config: unknown): z.ZodObject | undefined {
  if (config instanceof z.ZodObject) return config;
  if (config instanceof z.ZodPipe && config.in instanceof z.ZodObject) return config.in;
  return undefined;
}

/** Reads every field of the configuration, in form order, naming any it cannot map. */
export function readFields(config: ConfigSchema): ReadFields {
  const shape = inputObject(config)?.shape ?? {};
  const fields: KitField[] = [];
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const { inner, defaultValue } = unwrap(schema);
    const kind = kindOf(inner);
    if (kind === undefined) {
      problems.push(
        `config field \`${name}\` uses Zod type \`${inner._zod.def.type}\`, which has no GraphQL mapping: use a string, number, int, boolean or enum, optionally wrapped in .optional(), .nullable() or .default().`,
      );
      continue;
    }
    const meta = z.globalRegistry.get(schema) as { description?: string; form?: FormFieldMeta };
    const enumValues =
      inner._zod.def.type === 'enum'
        ? Object.values(inner._zod.def.entries).map(String)
        : undefined;
    fields.push({
      name,
      ...(meta?.description ? { description: meta.description } : {}),
      ...(enumValues ? { enumValues } : {}),
      ...(meta?.form ? { form: meta.form } : {}),
      column: {
        name,
        prismaTypes: PRISMA_TYPES[kind],
        ...(isScalar(defaultValue) ? { defaultValue } : {}),
      },
    });
  }
  return { fields, problems };
}
