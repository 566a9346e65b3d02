/**
 * The plugin SDK of the Data Product Portal plugin service: the only module of the service a
 * plugin imports. Its version is the version of the plugin contract.
 *
 * @packageDocumentation
 */

import * as host from './internal.js';

export { awsConsoleUrl, awsSettings } from './aws.js';
export type {
  CheckContext,
  ConfigCheck,
  ConfigIssue,
  ConfigOwner,
  PlatformSettings,
} from './check.js';
export {
  type ConfigSchema,
  type DataOutputPlugin,
  definePlugin,
  type PlatformMetadata,
  type PluginSpec,
} from './define-plugin.js';
export {
  type DependsOn,
  FORM_WIDGETS,
  type FormFieldMeta,
  type FormWidget,
  formField,
  formMetaOf,
  type StoredFieldMeta,
  storedField,
} from './field.js';
export { MIGRATION_SQL, type PluginMigration, pluginMigrations } from './migrations.js';
export {
  aws,
  type ConsoleUrlContext,
  type ConsoleUrlResult,
  dashesToUnderscores,
  dropEmptyPathSegments,
  type NamedSettingsSchema,
  type ParentTile,
  type RenderedString,
  renderString,
  renderTemplate,
  type TechnicalInfoSpec,
  type TemplateValues,
  templateFields,
  trimTrailingUnderscores,
} from './presentation.js';
export {
  type AccessGranularity,
  accessGranularity,
  containerField,
  type PathFields,
  schemaField,
  type TableAccessValue,
  tableAccessFields,
  tableAccessRules,
} from './table-access.js';
export {
  IDENTIFIER_MAX_LENGTH,
  identifier,
  TEXT_MAX_LENGTH,
  text,
  textProblem,
} from './text.js';

// Host-only values the 1.0 contract exported; kept until 2.0 so no 1.x plugin breaks.

/**
 * The plugin contract version this SDK implements.
 *
 * @deprecated Host-only: import it from `@data-product-portal/plugin-sdk/internal`. Removed in 2.0.
 * @public
 */
export const CONTRACT_VERSION: string = host.CONTRACT_VERSION;
/**
 * The symbol under which `definePlugin` stamps a plugin.
 *
 * @deprecated Host-only: import it from `@data-product-portal/plugin-sdk/internal`. Removed in 2.0.
 * @public
 */
export const PLUGIN_BRAND: symbol = host.PLUGIN_BRAND;
/**
 * The SDK's package name.
 *
 * @deprecated Host-only: import it from `@data-product-portal/plugin-sdk/internal`. Removed in 2.0.
 * @public
 */
export const SDK_PACKAGE: string = host.SDK_PACKAGE;
