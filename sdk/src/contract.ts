import { createRequire } from 'node:module';

// Read at run time: the package.json sits beside `src/` and `dist/` alike.
const sdkPackage = createRequire(import.meta.url)('../package.json') as {
  name: string;
  version: string;
};

/**
 * The brand a plugin object carries. A global symbol, so a plugin built against another copy of
 * the SDK (an npm package with its own node_modules) is still recognised: identity checks such as
 * `instanceof` would fail across copies.
 *
 * @internal
 */
export const PLUGIN_BRAND: unique symbol = Symbol.for('data-product-portal.plugin') as never;

/**
 * What `definePlugin` stamps on a plugin under `PLUGIN_BRAND`: the contract it was made for.
 *
 * @internal
 */
export interface PluginStamp {
  readonly contractVersion: string;
}

/**
 * Version of the plugin contract (semver): the version of this SDK package. A plugin package
 * declares the contract range it was built for as its peer dependency on the SDK.
 *
 * @internal
 */
export const CONTRACT_VERSION: string = sdkPackage.version;

/**
 * The SDK's package name: the peer dependency whose range is a plugin package's contract range.
 *
 * @internal
 */
export const SDK_PACKAGE: string = sdkPackage.name;
