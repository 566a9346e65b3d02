/**
 * The public plugin SDK: the only host module a plugin may import.
 */
export { CONTRACT_VERSION, PLUGIN_BRAND, SDK_PACKAGE } from './contract.js';
export type { CheckContext, ConfigCheck, ConfigIssue, PlatformSettings } from './check.js';
export {
  definePlugin,
  type ConfigSchema,
  type DataOutputPlugin,
  type PlatformMetadata,
  type PluginSpec,
} from './define-plugin.js';
export {
  FORM_WIDGETS,
  formField,
  formMetaOf,
  storedField,
  type DependsOn,
  type FormFieldMeta,
  type FormWidget,
  type StoredFieldMeta,
} from './field.js';
export {
  accessGranularity,
  containerField,
  schemaField,
  tableAccessFields,
  tableAccessRules,
  type AccessGranularity,
} from './table-access.js';
