import type { DependsOn, FormWidget } from '@data-product-portal/plugin-sdk';
import type { ConfigField } from './describe.js';

export interface FormOption {
  label: string;
  value: string;
}

/** One element of a plugin's form, in the shape the portal frontend renders. */
export interface FormElement {
  /** The GraphQL input field this element fills. */
  name: string;
  label: string;
  type: FormWidget;
  required: boolean;
  tooltip: string | null;
  hidden: boolean;
  disabled: boolean;
  initialValue: string | number | boolean | null;
  /** Fixed choices of an enum; empty for `optionsFrom` fields until the platform is configured. */
  options: FormOption[];
  /** The platform setting the options come from, if they are not fixed. */
  optionsFrom: string | null;
  maxCount: number | null;
  dependsOn: DependsOn[];
  useNamespaceWhenNotSourceAligned: boolean;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function widgetOf(field: ConfigField): FormWidget {
  if (field.form?.widget) return field.form.widget;
  if (field.form?.optionsFrom || typeof field.type === 'object') return 'select';
  return field.type === 'Boolean' ? 'checkbox' : 'string';
}

/** The form elements of a configuration: its fields with form metadata, in declaration order. */
export function formElements(fields: readonly ConfigField[]): FormElement[] {
  return fields.flatMap((field) => {
    const form = field.form;
    if (!form) return [];
    const values = typeof field.type === 'object' ? field.type.values : [];
    return [
      {
        name: field.name,
        label: form.label,
        type: widgetOf(field),
        required: field.required,
        tooltip: form.tooltip ?? null,
        hidden: form.hidden ?? false,
        disabled: form.disabled ?? false,
        initialValue: field.defaultValue ?? null,
        options: values.map((value) => ({
          value,
          label: form.optionLabels?.[value] ?? capitalise(value),
        })),
        optionsFrom: form.optionsFrom ?? null,
        maxCount: form.maxCount ?? null,
        dependsOn: form.dependsOn ?? [],
        useNamespaceWhenNotSourceAligned: form.useNamespaceWhenNotSourceAligned ?? false,
      },
    ];
  });
}

/** A select that takes its options from platform settings has none: the form cannot be filled in. */
export function lacksOptions(elements: readonly FormElement[]): boolean {
  return elements.some((element) => element.optionsFrom !== null && element.options.length === 0);
}
