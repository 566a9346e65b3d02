import { FORM_WIDGETS, type FormFieldMeta } from '../field.js';

// The rules each configuration field follows, once read from the Zod schema: the service checks
// them when it loads a plugin, the conformance kit when a plugin's tests run.

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * What the field rules read of one configuration field.
 *
 * @internal
 */
export interface FieldFacts {
  name: string;
  description?: string;
  /** The values of an enum field. */
  enumValues?: readonly string[];
  form?: FormFieldMeta;
}

/**
 * Every problem of the fields: a missing description, enum values that are no GraphQL names, an
 * unknown widget, a `dependsOn` naming no field.
 *
 * @internal
 */
export function configFieldProblems(fields: readonly FieldFacts[]): string[] {
  const names = new Set(fields.map((f) => f.name));
  const problems: string[] = [];
  for (const field of fields) {
    const at = `config field \`${field.name}\``;
    if (!field.description)
      problems.push(`${at} has no description: give it a tooltip or description.`);
    const bad = (field.enumValues ?? []).filter((v) => !GRAPHQL_NAME.test(v));
    if (bad.length > 0)
      problems.push(`${at}: enum values ${bad.join(', ')} are not valid GraphQL names.`);
    const form = field.form;
    if (!form) continue;
    if (form.widget && !FORM_WIDGETS.includes(form.widget))
      problems.push(`${at}: unknown widget \`${form.widget}\`.`);
    for (const dep of form.dependsOn ?? []) {
      if (!names.has(dep.field))
        problems.push(`${at} depends on \`${dep.field}\`, which is not a config field.`);
    }
  }
  return problems;
}
