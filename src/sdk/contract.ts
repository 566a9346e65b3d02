/**
 * The brand a plugin object carries. A global symbol, so a plugin built against another copy of
 * the SDK (an npm package with its own node_modules) is still recognised: identity checks such as
 * `instanceof` would fail across copies.
 */
export const PLUGIN_BRAND = Symbol.for('data-product-portal.plugin');

/** Version of the plugin contract this SDK implements (semver). */
export const CONTRACT_VERSION = '1.0.0';
