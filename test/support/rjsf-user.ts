import { getDefaultFormState, type RJSFSchema, retrieveSchema, type UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';

type Values = Record<string, unknown>;

function isHidden(uiSchema: UiSchema, name: string): boolean {
  return (uiSchema[name] as UiSchema | undefined)?.['ui:widget'] === 'hidden';
}

/**
 * What RJSF submits for a user who fills in its form: RJSF's own defaults, then, field by field as
 * RJSF shows them, choice `variant` of each choice and a text of their own in each text box
 * (a choice may show further fields), then only the fields shown (`omitExtraData`).
 */
export function rjsfSubmission(schema: RJSFSchema, uiSchema: UiSchema, variant: number): Values {
  const data = getDefaultFormState(validator, schema, {}, schema) as Values;
  const filled = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const shown = retrieveSchema(validator, schema, schema, data).properties ?? {};
    const fresh = Object.entries(shown).filter(
      ([name, property]) =>
        !filled.has(name) &&
        !isHidden(uiSchema, name) &&
        typeof property === 'object' &&
        !property.readOnly,
    );
    if (fresh.length === 0) break;
    for (const [name, property] of fresh) {
      filled.add(name);
      if (typeof property !== 'object') continue;
      const choices = property.oneOf as Array<{ const: unknown }> | undefined;
      if (choices && choices.length > 0) data[name] = choices[variant % choices.length]?.const;
      else if (property.type === 'string') data[name] = `${name}_${variant}`;
      else if (property.type === 'boolean') data[name] = variant % 2 === 1;
      else if (property.type === 'integer' || property.type === 'number') data[name] = variant + 1;
    }
  }
  const shown = retrieveSchema(validator, schema, schema, data).properties ?? {};
  return Object.fromEntries(Object.entries(data).filter(([name]) => name in shown));
}

/** The fields RJSF shows for these values. */
export function shownFields(schema: RJSFSchema, data: Values): string[] {
  return Object.keys(retrieveSchema(validator, schema, schema, data).properties ?? {});
}
