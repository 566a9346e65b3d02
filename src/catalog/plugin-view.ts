import { z } from 'zod';
import { type ConfigField, describeConfig } from '../config-schema/describe.js';
import { type FormElement, formElements, lacksOptions } from '../config-schema/form.js';
import { withTextLimits } from '../config-schema/text-limits.js';
import type { RegisteredPlugin } from '../registry/registry.js';
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
  /** JSON Schema of the configuration input. */
  jsonSchema: Record<string, unknown>;
}

export function inputTypeNameOf(pluginName: string): string {
  return `${pluginName}Input`;
}

export function pluginView({ plugin, source, package: pkg }: RegisteredPlugin): PluginView {
  const fields = describeConfig(plugin.name, plugin.config);
  const elements = formElements(fields);
  const { platform } = plugin;
  return {
    name: plugin.name,
    version: plugin.version,
    description: plugin.description,
    source,
    package: pkg
      ? { name: pkg.name, version: pkg.version, contractRange: pkg.contractRange }
      : null,
    platform: platform.key,
    displayName: platform.displayName,
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
    fields,
    elements,
    // The input side: what a client sends. Transforms (save rules) have no JSON Schema form.
    jsonSchema: withTextLimits(
      z.toJSONSchema(plugin.config, { io: 'input', unrepresentable: 'any' }),
      fields,
    ),
  };
}

/** A plugin with its view: what resolvers need to validate and show its configurations. */
export interface PluginEntry {
  plugin: RegisteredPlugin['plugin'];
  view: PluginView;
}
