import type { DependsOnRule } from '../config-schema/depends-on.js';
import type { ConfigField } from '../config-schema/describe.js';
import type { FormElement } from '../config-schema/form.js';
import {
  formJsonSchema,
  JSON_SCHEMA_DIALECTS,
  type JsonObject,
  type JsonSchemaDialect,
} from '../config-schema/json-schema.js';
import {
  FORM_RENDERERS,
  type FormRenderer,
  jsonFormsUiSchema,
  rjsfUiSchema,
} from '../config-schema/ui-schema.js';

export interface FormParts {
  displayName: string;
  fields: readonly ConfigField[];
  elements: readonly FormElement[];
  rules: readonly DependsOnRule[];
  /** Each form field's value constraints, per dialect (see fieldValueSchemas). */
  valueSchemas: Record<JsonSchemaDialect, Record<string, JsonObject>>;
}

/** The form's JSON Schema in every dialect; recomputed when configured options change. */
export function jsonSchemasOf(parts: FormParts): Record<JsonSchemaDialect, JsonObject> {
  return Object.fromEntries(
    JSON_SCHEMA_DIALECTS.map((dialect) => [
      dialect,
      formJsonSchema(
        { ...parts, title: parts.displayName, values: parts.valueSchemas[dialect] },
        dialect,
      ),
    ]),
  ) as Record<JsonSchemaDialect, JsonObject>;
}

const UI_SCHEMAS: Record<FormRenderer, typeof rjsfUiSchema> = {
  rjsf: rjsfUiSchema,
  jsonForms: jsonFormsUiSchema,
};

/** The form's UI schema for every renderer. */
export function uiSchemasOf(parts: FormParts): Record<FormRenderer, JsonObject> {
  return Object.fromEntries(
    FORM_RENDERERS.map((renderer) => [renderer, UI_SCHEMAS[renderer](parts)]),
  ) as Record<FormRenderer, JsonObject>;
}
