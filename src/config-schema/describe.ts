import type { ConfigSchema, FormFieldMeta } from '@data-product-portal/plugin-sdk';
import { z } from 'zod';
import { maxLengthOf, withLengthLimit } from './text-limits.js';

export type ScalarKind = 'String' | 'Boolean' | 'Int' | 'Float';

export interface EnumKind {
  /** GraphQL enum name: the Zod metadata `id` when set (so plugins can share one), else derived. */
  name: string;
  values: readonly string[];
  description?: string;
}

/** One configuration field, as every consumer (GraphQL, forms, checks) needs to see it. */
export interface ConfigField {
  name: string;
  type: ScalarKind | EnumKind;
  /** The value cannot be left out (it may still have a default). */
  nonNull: boolean;
  /** The user has to provide a non-empty value (strings need a minimum length of 1). */
  required: boolean;
  defaultValue?: string | number | boolean;
  /** Strings only: the longest value accepted, stated at the end of the description. */
  maxLength?: number;
  description?: string;
  form?: FormFieldMeta;
}

/** A Zod construct the mapping does not cover; names the plugin and the field. */
export class UnsupportedConfigError extends Error {
  constructor(pluginName: string, field: string, construct: string) {
    super(
      `Plugin ${pluginName}: configuration field \`${field}\` uses Zod type \`${construct}\`, which has no GraphQL mapping. ` +
        'Use a string, number, int, boolean or enum, optionally wrapped in .optional(), .nullable() or .default().',
    );
    this.name = 'UnsupportedConfigError';
  }
}

/** The object schema a configuration is read from: the input side of a `.transform()` pipe. */
export function inputObjectOf(config: ConfigSchema): z.ZodObject {
  return config instanceof z.ZodPipe ? config.in : config;
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

interface Unwrapped {
  inner: z.core.$ZodTypes;
  nonNull: boolean;
  defaultValue?: unknown;
}

function unwrap(schema: z.core.$ZodType): Unwrapped {
  const typed = schema as z.core.$ZodTypes;
  const def = typed._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return { ...unwrap(def.innerType), nonNull: false };
    case 'default':
      return { ...unwrap(def.innerType), defaultValue: def.defaultValue };
    default:
      return { inner: typed, nonNull: true };
  }
}

/**
 * The metadata id of an enum. Zod does not pass ids on to copies made by `.meta()` (an id names one
 * schema), so look through to the schema the copy was made from.
 */
function enumIdOf(schema: z.core.$ZodType): string | undefined {
  for (let s: z.core.$ZodType | undefined = schema; s; s = s._zod.parent) {
    const id = z.globalRegistry.get(s)?.id;
    if (id) return id;
  }
  return undefined;
}

function kindOf(inner: z.core.$ZodTypes, enumName: string): ScalarKind | EnumKind | undefined {
  const def = inner._zod.def;
  if (def.type === 'string') return 'String';
  if (def.type === 'boolean') return 'Boolean';
  if (def.type === 'number') return inner instanceof z.ZodNumber && inner.isInt ? 'Int' : 'Float';
  if (def.type === 'enum') {
    const values = Object.values(def.entries).map(String);
    const meta = z.globalRegistry.get(inner);
    return {
      name: enumIdOf(inner) ?? enumName,
      values,
      ...(meta?.description ? { description: meta.description } : {}),
    };
  }
  return undefined;
}

function isScalarDefault(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** Describes every field of a plugin's configuration, in declaration (form) order. */
export function describeConfig(pluginName: string, config: ConfigSchema): ConfigField[] {
  const shape = inputObjectOf(config).shape;
  return Object.entries(shape).map(([name, schema]) => {
    const { inner, nonNull, defaultValue } = unwrap(schema);
    const type = kindOf(inner, `${pluginName}${pascal(name)}`);
    if (!type) throw new UnsupportedConfigError(pluginName, name, inner._zod.def.type);
    const minLength = inner instanceof z.ZodString ? (inner.minLength ?? 0) : 1;
    const maxLength = type === 'String' ? maxLengthOf(inner) : undefined;
    const meta = z.globalRegistry.get(schema);
    const description =
      meta?.description && maxLength !== undefined
        ? withLengthLimit(meta.description, maxLength)
        : meta?.description;
    return {
      name,
      type,
      nonNull,
      required: nonNull && minLength > 0,
      ...(isScalarDefault(defaultValue) ? { defaultValue } : {}),
      ...(maxLength === undefined ? {} : { maxLength }),
      ...(description ? { description } : {}),
      ...(meta?.form ? { form: meta.form } : {}),
    };
  });
}
