import { type DependsOnRule, dependsOnRules } from '../config-schema/depends-on.js';
import { type ConfigField, describeConfig } from '../config-schema/describe.js';
import { type FormElement, formElements, lacksOptions } from '../config-schema/form.js';
import {
  fieldValueSchemas,
  JSON_SCHEMA_DIALECTS,
  type JsonObject,
  type JsonSchemaDialect,
} from '../config-schema/json-schema.js';
import type { FormRenderer } from '../config-schema/ui-schema.js';
import type { RegisteredPlugin } from '../registry/registry.js';
import { jsonSchemasOf, uiSchemasOf } from './form-schemas.js';
import { type PlatformSetting, platformSettingsOf } from './platform-settings.js';

/** The npm package a plugin came from. */
export interface PluginPackageView {
  name: string;
  version: string;
  contractRange: string;
}

/** What the API shows of a plugin; computed once at start-up. */
export interface PluginView {
  name: string;
  version: string;
  description: string;
  source: string;
  package: PluginPackageView | null;
  platform: string;
  displayName: string;
  iconName: string;
  parentPlatform: string | null;
  detailedName: string;
  resultLabel: string;
  resultTooltip: string;
  hasEnvironments: boolean;
  showInForm: boolean;
  /** Some select field takes its options from platform configuration that has none yet. */
  notConfigured: boolean;
  /** The platform settings its form takes options from (see configured-view.ts). */
  settings: PlatformSetting[];
  inputTypeName: string;
  fields: ConfigField[];
  elements: FormElement[];
  /** The `dependsOn` of its elements, as rules. */
  rules: DependsOnRule[];
  /** Each form field's value constraints from its Zod schema, per JSON Schema dialect. */
  valueSchemas: Record<JsonSchemaDialect, Record<string, JsonObject>>;
  /** JSON Schema of the form (form fields only), per dialect. */
  jsonSchemas: Record<JsonSchemaDialect, JsonObject>;
  /** UI schema of the form, per renderer. */
  uiSchemas: Record<FormRenderer, JsonObject>;
}

export function inputTypeNameOf(pluginName: string): string {
  return `${pluginName}Input`;
}

export function pluginView({ plugin, source, package: pkg }: RegisteredPlugin): PluginView {
  const fields = describeConfig(plugin.name, plugin.config);
  const elements = formElements(fields);
  const { platform } = plugin;
  const names = elements.map((element) => element.name);
  const form = {
    displayName: platform.displayName,
    fields,
    elements,
    rules: dependsOnRules(elements),
    valueSchemas: Object.fromEntries(
      JSON_SCHEMA_DIALECTS.map((dialect) => [
        dialect,
        fieldValueSchemas(plugin.config, names, dialect),
      ]),
    ) as PluginView['valueSchemas'],
  };
  return {
    name: plugin.name,
    version: plugin.version,
    description: plugin.description,
    source,
    package: pkg
      ? { name: pkg.name, version: pkg.version, contractRange: pkg.contractRange }
      : null,
    platform: platform.key,
    iconName: platform.iconName,
    parentPlatform: platform.parentPlatform ?? null,
    detailedName: platform.detailedName,
    resultLabel: platform.resultLabel,
    resultTooltip: platform.resultTooltip,
    hasEnvironments: platform.hasEnvironments ?? true,
    showInForm: platform.showInForm ?? true,
    // As if nothing were stored; configuredView fills in the platform's settings.
    notConfigured: lacksOptions(elements),
    settings: platformSettingsOf(elements),
    inputTypeName: inputTypeNameOf(plugin.name),
    ...form,
    jsonSchemas: jsonSchemasOf(form),
    uiSchemas: uiSchemasOf(form),
  };
}

/** A plugin with its view: what resolvers need to validate and show its configurations. */
export interface PluginEntry {
  plugin: RegisteredPlugin['plugin'];
  view: PluginView;
}
