import {
  type DataOutputPlugin,
  renderString,
  type TemplateValues,
  templateFields,
} from '@data-product-portal/plugin-sdk';
import { environmentsOf, type PlatformNamedSettings, settingsFor } from './named-settings.js';

/** A link to the platform console, or why there is none. */
export interface ConsoleLink {
  url: string | null;
  reason: string | null;
}

/** A configuration's technical information in one environment. */
export interface TechnicalInformation {
  environment: string;
  info: string | null;
  reason: string | null;
}

/** The configuration's fields as a template sees them: its values, without the base row. */
export function configValues(row: Readonly<Record<string, unknown>>): TemplateValues {
  const { base: _base, missingPluginRow: _missing, ...values } = row;
  return values;
}

/** The resulting access path; null when the plugin declares none. */
export function resultStringOf(plugin: DataOutputPlugin, values: TemplateValues): string | null {
  return plugin.resultString ? renderString(plugin.resultString, values) : null;
}

function unset(values: TemplateValues, names: readonly string[]): string[] {
  return names.filter(
    (name) => values[name] === undefined || values[name] === null || values[name] === '',
  );
}

export function consoleLinkOf(
  plugin: DataOutputPlugin,
  config: TemplateValues,
  settings: PlatformNamedSettings,
  environment: string | null,
): ConsoleLink {
  if (!plugin.consoleUrl)
    return { url: null, reason: `Plugin ${plugin.name} offers no console link.` };
  const result = plugin.consoleUrl({
    config,
    settings: settingsFor(settings, environment),
    environment,
  });
  return 'url' in result ? { url: result.url, reason: null } : { url: null, reason: result.reason };
}

/**
 * One entry per environment the platform has settings for (none for a platform without
 * environments or without technical information). A template field that neither the
 * configuration nor the environment's settings hold leaves the entry without info, naming it.
 */
export function technicalInformationOf(
  plugin: DataOutputPlugin,
  config: TemplateValues,
  settings: PlatformNamedSettings,
): TechnicalInformation[] {
  const spec = plugin.technicalInfo;
  if (!spec || plugin.platform.hasEnvironments === false) return [];
  return environmentsOf(settings).map((environment) => {
    const own = settingsFor(settings, environment);
    const values = { ...config, ...own, ...spec.values?.(config, own), environment };
    // A configuration field may be empty (an empty suffix); a setting the template needs may not.
    const fromSettings = templateFields(spec.template).filter((name) => !(name in config));
    const missing = unset(values, fromSettings);
    if (missing.length > 0)
      return {
        environment,
        info: null,
        reason: `Not configured for environment ${environment}: ${missing.join(', ')}.`,
      };
    return { environment, info: renderString(spec, values), reason: null };
  });
}
