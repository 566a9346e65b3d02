import { type DependsOn, FORM_WIDGETS } from '@data-product-portal/plugin-sdk';
import type { PluginPackageView, PluginView } from '../catalog/plugin-view.js';
import type { FormElement, FormOption } from '../config-schema/form.js';
import type { JsonSchemaDialect } from '../config-schema/json-schema.js';
import type { FormRenderer } from '../config-schema/ui-schema.js';
import type { Builder } from './builder.js';

/** Object types describing plugins and their forms. */
export function addPluginTypes(builder: Builder) {
  const FormElementType = builder.enumType('FormElementType', {
    description: 'The widget a form element is rendered with.',
    values: Object.fromEntries(FORM_WIDGETS.map((widget) => [widget, { value: widget }])),
  });

  const Dialect = builder.enumType('JsonSchemaDialect', {
    description: 'A JSON Schema version.',
    values: {
      DRAFT_07: {
        value: 'draft-07' as JsonSchemaDialect,
        description: 'Draft-07: the default of RJSF (validator-ajv8) and JSON Forms.',
      },
      DRAFT_2020_12: { value: 'draft-2020-12' as JsonSchemaDialect, description: 'Draft 2020-12.' },
    },
  });

  const Renderer = builder.enumType('FormRenderer', {
    description: 'A form library that renders a JSON Schema with a UI schema.',
    values: {
      RJSF: { value: 'rjsf' as FormRenderer, description: 'react-jsonschema-form (`@rjsf/core`).' },
      JSON_FORMS: {
        value: 'jsonForms' as FormRenderer,
        description: 'JSON Forms (`@jsonforms/core`).',
      },
    },
  });

  const Option = builder.objectRef<FormOption>('FormOption').implement({
    description: 'A choice of a select or radio element.',
    fields: (t) => ({
      label: t.exposeString('label'),
      value: t.exposeString('value', { description: 'The value to put in the input field.' }),
    }),
  });

  const Dependency = builder.objectRef<DependsOn>('FormDependency').implement({
    description: 'The element is shown only while another element holds this value.',
    fields: (t) => ({
      field: t.exposeString('field', { description: 'Name of the other element.' }),
      value: t.exposeString('value'),
    }),
  });

  const Element = builder.objectRef<FormElement>('FormElement').implement({
    description: 'One element of a plugin form. Its name is the input field it fills.',
    fields: (t) => ({
      name: t.exposeString('name', {
        description: 'The input field of the plugin input type this element fills.',
      }),
      label: t.exposeString('label'),
      type: t.field({ type: FormElementType, resolve: (e) => e.type }),
      required: t.exposeBoolean('required'),
      tooltip: t.exposeString('tooltip', { nullable: true }),
      hidden: t.exposeBoolean('hidden'),
      disabled: t.exposeBoolean('disabled'),
      initialValue: t.expose('initialValue', { type: 'FormValue', nullable: true }),
      options: t.expose('options', { type: [Option] }),
      optionsFrom: t.exposeString('optionsFrom', {
        nullable: true,
        description: 'The platform setting that supplies the options, when they are not fixed.',
      }),
      maxCount: t.exposeInt('maxCount', {
        nullable: true,
        description: 'How many options a select may hold.',
      }),
      dependsOn: t.expose('dependsOn', { type: [Dependency] }),
      useNamespaceWhenNotSourceAligned: t.exposeBoolean('useNamespaceWhenNotSourceAligned', {
        description:
          'Pre-fill with the data product namespace when the product is not source aligned.',
      }),
    }),
  });

  const Descriptor = builder.interfaceRef<PluginView>('PluginDescriptor').implement({
    description: 'Metadata of a data output plugin.',
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Unique plugin name, e.g. GlueDataOutput.' }),
      version: t.exposeString('version'),
      description: t.exposeString('description'),
      platform: t.exposeString('platform', { description: 'Platform key, e.g. glue.' }),
      displayName: t.exposeString('displayName'),
      iconName: t.exposeString('iconName'),
      parentPlatform: t.exposeString('parentPlatform', {
        nullable: true,
        description: 'Parent tile, e.g. aws.',
      }),
      detailedName: t.exposeString('detailedName'),
      resultLabel: t.exposeString('resultLabel'),
      resultTooltip: t.exposeString('resultTooltip'),
      hasEnvironments: t.exposeBoolean('hasEnvironments'),
      showInForm: t.exposeBoolean('showInForm'),
      notConfigured: t.exposeBoolean('notConfigured', {
        description:
          'A select element takes its options from platform configuration that has none yet.',
      }),
      inputTypeName: t.exposeString('inputTypeName', {
        description: 'The GraphQL input type of its configuration.',
      }),
    }),
  });

  const Package = builder.objectRef<PluginPackageView>('PluginPackage').implement({
    description: 'The npm package a plugin was discovered in.',
    fields: (t) => ({
      name: t.exposeString('name'),
      version: t.exposeString('version'),
      contractRange: t.exposeString('contractRange', {
        description:
          'The plugin contract versions it was built for (its peer dependency range on the plugin SDK).',
      }),
    }),
  });

  const Plugin = builder.objectRef<PluginView>('Plugin').implement({
    description: 'An enabled data output plugin.',
    interfaces: [Descriptor],
    fields: (t) => ({
      source: t.exposeString('source', {
        description:
          'Where the plugin was loaded from: `internal (plugins/<folder>)`, `package <name>@<version>` or an ENABLED_PLUGINS entry.',
      }),
      package: t.expose('package', {
        type: Package,
        nullable: true,
        description: 'Its npm package; null for plugins that are not packages.',
      }),
    }),
  });

  const PluginForm = builder.objectRef<PluginView>('PluginForm').implement({
    description: 'A plugin with its form, elements in display order.',
    interfaces: [Descriptor],
    fields: (t) => ({
      elements: t.expose('elements', { type: [Element] }),
      jsonSchema: t.field({
        type: 'JSONObject',
        description:
          'JSON Schema of the form, from the same Zod schema: the form fields only (stored fields are filled by the save rules), choices as `oneOf` of `const` and `title`, each `dependsOn` as an `if`/`then` rule, standard keywords only. RJSF and JSON Forms take the default draft-07 with their default validators.',
        args: {
          dialect: t.arg({
            type: Dialect,
            required: true,
            defaultValue: 'draft-07',
            description: 'The JSON Schema version to answer in.',
          }),
        },
        resolve: (view, { dialect }) => view.jsonSchemas[dialect],
      }),
      uiSchema: t.field({
        type: 'JSONObject',
        description:
          'The UI schema a form library needs beside `jsonSchema`: field order, widgets (radio), help texts, hidden and disabled fields and, for JSON Forms, the `dependsOn` rules.',
        args: {
          renderer: t.arg({
            type: Renderer,
            required: true,
            description: 'The form library the UI schema is for.',
          }),
        },
        resolve: (view, { renderer }) => view.uiSchemas[renderer],
      }),
    }),
  });

  return { Plugin, PluginForm };
}
