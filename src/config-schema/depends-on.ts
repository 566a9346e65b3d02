import type { FormElement } from './form.js';

/** One field a rule looks at, and the values that make it hold. */
export interface Condition {
  field: string;
  /** As the field holds them: `dependsOn` gives values as text, a checkbox holds booleans. */
  values: Array<string | boolean>;
  /** The field's default is one of the values, so leaving the field out counts as holding. */
  holdsWhenAbsent: boolean;
}

/**
 * The fields shown only while every condition holds: the `dependsOn` of form elements, one rule per
 * distinct set of conditions, in form order. A field's several `dependsOn` entries on one field
 * allow any of their values; entries on different fields must all hold.
 */
export interface DependsOnRule {
  conditions: Condition[];
  fields: string[];
}

function conditionsOf(element: FormElement, all: readonly FormElement[]): Condition[] {
  const byField = new Map<string, string[]>();
  for (const { field, value } of element.dependsOn)
    byField.set(field, [...(byField.get(field) ?? []), value]);
  return [...byField].map(([field, texts]) => {
    const controller = all.find((other) => other.name === field);
    const values = controller?.type === 'checkbox' ? texts.map((t) => t === 'true') : texts;
    return {
      field,
      values,
      holdsWhenAbsent: values.some((value) => value === controller?.initialValue),
    };
  });
}

/** The rules of a form, read from its elements' `dependsOn`. */
export function dependsOnRules(elements: readonly FormElement[]): DependsOnRule[] {
  const rules = new Map<string, DependsOnRule>();
  for (const element of elements) {
    if (element.dependsOn.length === 0) continue;
    const conditions = conditionsOf(element, elements);
    const key = JSON.stringify(conditions);
    const rule = rules.get(key) ?? { conditions, fields: [] };
    rule.fields.push(element.name);
    rules.set(key, rule);
  }
  return [...rules.values()];
}

/** Whether a condition holds for a value as sent (absent fields count as their default). */
export function conditionHolds(condition: Condition, value: Record<string, unknown>): boolean {
  const current = value[condition.field];
  if (current === undefined || current === null) return condition.holdsWhenAbsent;
  return condition.values.some((value) => String(value) === String(current));
}
