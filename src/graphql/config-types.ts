import type { EnumKind, ScalarKind } from '../config-schema/describe.js';
import type { Builder } from './builder.js';

type EnumRef = ReturnType<Builder['enumType']>;

/**
 * The GraphQL type of configuration fields. Enums are created once per name, so plugins that
 * share a Zod enum (by its metadata id) share one GraphQL enum; a clash is a start-up error.
 */
export function configTypeResolver(builder: Builder) {
  const enums = new Map<string, { ref: EnumRef; values: string; owner: string }>();
  return function typeOf(kind: ScalarKind | EnumKind, pluginName: string): ScalarKind | EnumRef {
    if (typeof kind === 'string') return kind;
    const values = kind.values.join(', ');
    const known = enums.get(kind.name);
    if (known && known.values !== values) {
      throw new Error(
        `Plugin ${pluginName}: GraphQL enum ${kind.name} has values ${values}, but plugin ${known.owner} defines it with ${known.values}. ` +
          'Give one of the Zod enums another metadata id.',
      );
    }
    if (known) return known.ref;
    const ref = builder.enumType(kind.name, {
      ...(kind.description ? { description: kind.description } : {}),
      values: Object.fromEntries(kind.values.map((value) => [value, { value }])),
    });
    enums.set(kind.name, { ref, values, owner: pluginName });
    return ref;
  };
}

export type ConfigTypeResolver = ReturnType<typeof configTypeResolver>;
