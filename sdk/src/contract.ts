import sdkPackage from '../package.json' with { type: 'json' };

/**
 * The brand a plugin object carries. A global symbol, so a plugin built against another copy of
 * the SDK (an npm package with its own node_modules) is still recognised: identity checks such as
 * `instanceof` would fail across copies.
 */
export const PLUGIN_BRAND = Symbol.for('data-product-portal.plugin');

/**
 * Version of the plugin contract (semver): the version of this SDK package. A plugin package
 * declares the contract range it was built for as its peer dependency on the SDK.
 */
export const CONTRACT_VERSION: string = sdkPackage.version;

/** The SDK's package name: the peer dependency whose range is a plugin package's contract range. */
export const SDK_PACKAGE: string = sdkPackage.name;
