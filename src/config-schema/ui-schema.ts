import type { DependsOnRule } from './depends-on.js';
import type { ConfigField } from './describe.js';
import type { FormElement } from './form.js';
import { conditionSchema, type JsonObject } from './json-schema.js';

/** The form libraries a UI schema is served for. */
export const FORM_RENDERERS = ['rjsf', 'jsonForms'] as const;
export type FormRenderer = (typeof FORM_RENDERERS)[number];

export interface UiSchemaInput {
  fields: readonly ConfigField[];
  elements: readonly FormElement[];
  rules: readonly DependsOnRule[];
}

// The schema's description is shown under the label already; a tooltip it already says (the
// description may go on to state the field's length limit) is not repeated as help.
function helpOf(element: FormElement, fields: readonly ConfigField[]): string | null {
  const description = fields.find((f) => f.name === element.name)?.description ?? '';
  return element.tooltip !== null && !description.startsWith(element.tooltip)
    ? element.tooltip
    : null;
}

/** RJSF's `uiSchema`: field order, widgets, help, hidden and disabled fields. */
export function rjsfUiSchema({ fields, elements }: UiSchemaInput): JsonObject {
  const ui: JsonObject = { 'ui:order': elements.map((element) => element.name) };
  for (const element of elements) {
    const help = helpOf(element, fields);
    const entry: JsonObject = {
      ...(element.hidden ? { 'ui:widget': 'hidden' } : {}),
      ...(!element.hidden && element.type === 'radio' ? { 'ui:widget': 'radio' } : {}),
      ...(element.disabled ? { 'ui:disabled': true } : {}),
      ...(help ? { 'ui:help': help } : {}),
    };
    if (Object.keys(entry).length > 0) ui[element.name] = entry;
  }
  return ui;
}

/**
 * A JSON Forms UI schema: a vertical layout of the visible elements in form order, radio as
 * `format: radio`, disabled as `readonly`, and each `dependsOn` as a `SHOW` rule. A dependent
 * field's scope points into the `then` of its rule in the JSON Schema (`allOf/<i>/then`), from
 * which JSON Forms takes the field's schema and, dropping the combinator steps, its data path.
 */
export function jsonFormsUiSchema({ elements, rules }: UiSchemaInput): JsonObject {
  const ruleOf = (name: string) => rules.findIndex((rule) => rule.fields.includes(name));
  return {
    type: 'VerticalLayout',
    elements: elements
      .filter((element) => !element.hidden)
      .map((element) => {
        const index = ruleOf(element.name);
        const rule = rules[index];
        const options = {
          ...(element.type === 'radio' ? { format: 'radio' } : {}),
          ...(element.disabled ? { readonly: true } : {}),
          showUnfocusedDescription: true,
        };
        return {
          type: 'Control',
          scope: rule
            ? `#/allOf/${index}/then/properties/${element.name}`
            : `#/properties/${element.name}`,
          label: element.label,
          options,
          ...(rule
            ? {
                rule: {
                  effect: 'SHOW',
                  condition: { scope: '#', schema: conditionSchema(rule.conditions) },
                },
              }
            : {}),
        };
      }),
  };
}
