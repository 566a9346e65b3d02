/**
 * What the plugin service itself needs from the SDK and a plugin does not: the brand it recognises
 * plugin objects by, the contract version, and the rules it checks plugins by (shared with the
 * conformance kit, `@data-product-portal/plugin-sdk/testing`). Not part of the plugin contract: it
 * may change in any release.
 *
 * @packageDocumentation
 */

export { CONTRACT_VERSION, PLUGIN_BRAND, type PluginStamp, SDK_PACKAGE } from './contract.js';
export { configFieldProblems, type FieldFacts } from './rules/fields.js';
export {
  BASE_MODEL,
  type ConfigColumn,
  fragmentModelProblems,
  fragmentTextProblems,
  type Model,
  type ModelField,
  PRISMA_TYPES,
  withRelations,
} from './rules/fragment.js';
export { migrationDeclarationProblem, pluginMetadataSchema } from './rules/metadata.js';
export { friendlierMessages, type OptionsField, optionIssues } from './rules/validation.js';
