import type { ConfigSchema } from '@data-product-portal/plugin-sdk';
import { z } from 'zod';
import type { Condition, DependsOnRule } from './depends-on.js';
import { type ConfigField, inputObjectOf } from './describe.js';
import type { FormElement } from './form.js';

export type JsonObject = Record<string, unknown>;

/** The JSON Schema dialects a form schema is served in; the names are Zod's `target`s. */
export const JSON_SCHEMA_DIALECTS = ['draft-07', 'draft-2020-12'] as const;
export type JsonSchemaDialect = (typeof JSON_SCHEMA_DIALECTS)[number];

const META_SCHEMA: Record<JsonSchemaDialect, string> = {
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  'draft-2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

/**
 * The value constraints of each form field (type, length, enum, default, ...) from its Zod schema,
 * in one dialect. Zod's metadata is left out on purpose: titles and descriptions come from the
 * form metadata, an enum's `id` would move it to `$defs` behind a `$ref`, and the SDK's `form`
 * entry is no JSON Schema keyword (strict validators refuse unknown keywords).
 */
export function fieldValueSchemas(
  config: ConfigSchema,
  names: readonly string[],
  dialect: JsonSchemaDialect,
): Record<string, JsonObject> {
  const shape = inputObjectOf(config).shape;
  const bare = z.registry<Record<string, unknown>>();
  return Object.fromEntries(
    names.flatMap((name) => {
      const schema = shape[name];
      if (!schema) return [];
      const { $schema: _, ...value } = z.toJSONSchema(schema, {
        target: dialect,
        io: 'input',
        unrepresentable: 'any',
        metadata: bare,
      });
      return [[name, value]];
    }),
  );
}

function propertySchema(element: FormElement, field: ConfigField | undefined, value: JsonObject) {
  // Choices become `oneOf` of `const` + `title`, which RJSF and JSON Forms show with their labels.
  const { enum: _, ...constraints } = value;
  return {
    ...constraints,
    title: element.label,
    ...(field?.description ? { description: field.description } : {}),
    // The host holds every string to a length, declared by the plugin or not.
    ...(field?.maxLength === undefined ? {} : { maxLength: field.maxLength }),
    ...(element.disabled ? { readOnly: true } : {}),
    ...(element.options.length > 0
      ? { oneOf: element.options.map((option) => ({ const: option.value, title: option.label })) }
      : {}),
  };
}

/** The data a rule's conditions accept (absent fields hold when their default does). */
export function conditionSchema(conditions: readonly Condition[]): JsonObject {
  const required = conditions.filter((c) => !c.holdsWhenAbsent).map((c) => c.field);
  return {
    properties: Object.fromEntries(
      conditions.map((c) => [
        c.field,
        c.values.length === 1 ? { const: c.values[0] } : { enum: c.values },
      ]),
    ),
    ...(required.length > 0 ? { required } : {}),
  };
}

// A dependent field sent while its rule does not hold is refused unless it is its default: the
// service would otherwise ignore it (or the save rules overwrite it). A `not`, which form
// renderers do not draw, keeps the validators in step with the API.
function refusals(rules: readonly DependsOnRule[], elements: readonly FormElement[]): JsonObject[] {
  return rules.flatMap((rule) =>
    rule.fields.map((name) => {
      const initial = elements.find((e) => e.name === name)?.initialValue;
      return {
        properties: {
          [name]: initial === null || initial === undefined ? true : { not: { const: initial } },
        },
        required: [name],
        not: conditionSchema(rule.conditions),
      };
    }),
  );
}

export interface FormSchemaInput {
  title: string;
  fields: readonly ConfigField[];
  elements: readonly FormElement[];
  rules: readonly DependsOnRule[];
  /** From `fieldValueSchemas`, in the same dialect. */
  values: Record<string, JsonObject>;
}

/**
 * The JSON Schema of a plugin's form: its form fields only (stored fields are filled by the save
 * rules and stay in the GraphQL input type), labelled choices, and each `dependsOn` as an
 * `if`/`then` whose `then` holds the dependent fields, so a renderer shows them only while the
 * condition holds. Unknown fields are refused with `propertyNames` (`additionalProperties` would
 * also refuse the fields that live in a `then`). Only standard keywords: the default validators
 * of RJSF and JSON Forms and a strict Ajv take it as it is.
 */
export function formJsonSchema(input: FormSchemaInput, dialect: JsonSchemaDialect): JsonObject {
  const { elements, rules } = input;
  const property = (element: FormElement) =>
    propertySchema(
      element,
      input.fields.find((f) => f.name === element.name),
      input.values[element.name] ?? {},
    );
  // A field with a default may be left out: the input type fills it in.
  const needed = (element: FormElement) => element.required && element.initialValue === null;
  const dependent = new Set(rules.flatMap((rule) => rule.fields));
  const always = elements.filter((element) => !dependent.has(element.name));
  const required = always.filter(needed).map((e) => e.name);
  const refused = refusals(rules, elements);
  return {
    $schema: META_SCHEMA[dialect],
    title: input.title,
    type: 'object',
    properties: Object.fromEntries(always.map((element) => [element.name, property(element)])),
    ...(required.length > 0 ? { required } : {}),
    propertyNames: { enum: elements.map((element) => element.name) },
    ...(rules.length > 0
      ? {
          allOf: rules.map((rule) => {
            const shown = elements.filter((e) => rule.fields.includes(e.name));
            const requiredThen = shown.filter(needed).map((e) => e.name);
            return {
              if: conditionSchema(rule.conditions),
              // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`, not a promise.
              then: {
                properties: Object.fromEntries(shown.map((e) => [e.name, property(e)])),
                ...(requiredThen.length > 0 ? { required: requiredThen } : {}),
              },
            };
          }),
          not: refused.length === 1 ? refused[0] : { anyOf: refused },
        }
      : {}),
  };
}
