/**
 * What the plugin service itself needs from the SDK and a plugin does not: the brand it recognises
 * plugin objects by and the contract version. Not part of the plugin contract: it may change in
 * any release.
 *
 * @packageDocumentation
 */

export { CONTRACT_VERSION, PLUGIN_BRAND, type PluginStamp, SDK_PACKAGE } from './contract.js';
