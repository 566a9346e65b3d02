/**
 * The public plugin SDK: the only host module a plugin may import.
 */

export type { CheckContext, ConfigCheck, ConfigIssue, PlatformSettings } from './check.js';
export { CONTRACT_VERSION, PLUGIN_BRAND, SDK_PACKAGE } from './contract.js';
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
export {
  type AccessGranularity,
  accessGranularity,
  containerField,
  schemaField,
  tableAccessFields,
  tableAccessRules,
} from './table-access.js';
