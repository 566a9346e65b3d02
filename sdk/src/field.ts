import { z } from 'zod';

/**
 * Widgets the portal frontend can render.
 *
 * @public
 */
export const FORM_WIDGETS = ['string', 'select', 'checkbox', 'radio'] as const;
/** @public */
export type FormWidget = (typeof FORM_WIDGETS)[number];

/**
 * Show a field only while another field holds the given value. A field's entries on one other
 * field allow any of their values; entries on different fields must all hold. The service refuses
 * a value sent for the field while they do not hold, other than the field's default.
 *
 * @public
 */
export interface DependsOn {
  field: string;
  value: string;
}

/**
 * Form metadata of one configuration field. It lives on the Zod schema itself (Zod's metadata
 * registry), so validation, GraphQL inputs, form elements and JSON Schema read the same fact.
 *
 * @public
 */
export interface FormFieldMeta {
  label: string;
  /** Help text shown next to the field. Also the field's description when none is given. */
  tooltip?: string;
  /** Description for GraphQL and JSON Schema; defaults to the tooltip. */
  description?: string;
  /** Defaults: `select` with `optionsFrom` and for enums, `checkbox` for booleans, else `string`. */
  widget?: FormWidget;
  hidden?: boolean;
  disabled?: boolean;
  dependsOn?: DependsOn[];
  /** Fill the options from this setting of the platform's operator-maintained configuration. */
  optionsFrom?: string;
  /** Labels of enum values; a value without one is shown capitalised. */
  optionLabels?: Record<string, string>;
  maxCount?: number;
  /** Pre-fill with the data product namespace when the product is not source aligned. */
  useNamespaceWhenNotSourceAligned?: boolean;
}

/**
 * Metadata of a field that is stored and accepted as input but is not a form element.
 *
 * @public
 */
export interface StoredFieldMeta {
  description: string;
}

declare module 'zod' {
  interface GlobalMeta {
    form?: FormFieldMeta;
  }
}

/**
 * Marks a configuration field as a form element.
 *
 * @public
 */
export function formField<T extends z.ZodType>(schema: T, meta: FormFieldMeta): T {
  return schema.meta({
    title: meta.label,
    description: meta.description ?? meta.tooltip,
    form: meta,
  });
}

/**
 * Marks a configuration field that is stored and accepted as input but not shown in the form.
 *
 * @public
 */
export function storedField<T extends z.ZodType>(schema: T, meta: StoredFieldMeta): T {
  return schema.meta({ description: meta.description });
}

/**
 * The form metadata of a field, if it is a form element.
 *
 * @public
 */
export function formMetaOf(schema: z.ZodType): FormFieldMeta | undefined {
  return z.globalRegistry.get(schema)?.form;
}
