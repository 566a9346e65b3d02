import type { PluginView } from '../catalog/plugin-view.js';
import type { ConfigField } from '../config-schema/describe.js';
import type { Builder } from './builder.js';
import type { ConfigTypeResolver } from './config-types.js';

type InputFieldBuilder = Parameters<Parameters<Builder['inputType']>[1]['fields']>[0];

function inputField(
  t: InputFieldBuilder,
  field: ConfigField,
  type: ReturnType<ConfigTypeResolver>,
) {
  return t.field({
    type,
    required: field.nonNull,
    description: field.description,
    // Pothos types defaultValue by the GraphQL type; the Zod schema guarantees it matches.
    ...(field.defaultValue === undefined ? {} : { defaultValue: field.defaultValue as never }),
  });
}

/**
 * One input type per plugin, derived from its Zod schema: a description on every field, Zod
 * defaults as GraphQL default values, enums as GraphQL enums, required fields non-null.
 */
export function addConfigInputs(
  builder: Builder,
  views: readonly PluginView[],
  typeOf: ConfigTypeResolver,
): void {
  for (const view of views) {
    builder.inputType(view.inputTypeName, {
      description: `Configuration of a ${view.displayName} data output (plugin ${view.name}). ${view.description}`,
      fields: (t) =>
        Object.fromEntries(
          view.fields.map((field) => [
            field.name,
            inputField(t, field, typeOf(field.type, view.name)),
          ]),
        ),
    });
  }
}
