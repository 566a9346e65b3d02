import { CONTRACT_VERSION, SDK_PACKAGE } from '@data-product-portal/plugin-sdk/internal';
import semver from 'semver';

/**
 * The prerelease rule: ranges are matched with prereleases included (node-semver's
 * `includePrerelease`). A prerelease sorts before its release, so a host on contract
 * `1.1.0-beta.1` runs plugins built for `^1.0.0`, but `2.0.0-rc.1` is outside `^1.0.0` and
 * `1.0.0-rc.1` is outside `^1.0.0`. A plugin built against a prerelease names it: `^2.0.0-rc.1`
 * accepts `2.0.0-rc.1`, `2.0.0-rc.2` and `2.0.0`.
 */
const MATCHING = { includePrerelease: true } as const;

/** How a package declares the contract range it was built for. */
export function contractDeclaration(range = `^${CONTRACT_VERSION}`): string {
  return `"peerDependencies": { "${SDK_PACKAGE}": "${range}" }`;
}

/** Whether a host on contract `host` (this one by default) is in `range`, by the prerelease rule above. */
export function isCompatible(range: string, host = CONTRACT_VERSION): boolean {
  return semver.satisfies(host, range, MATCHING);
}

/** Why a plugin built for contract `range` cannot run on this host, or undefined when it can. */
export function contractProblem(range: string | undefined): string | undefined {
  if (range === undefined) {
    return `declares no plugin contract range: add ${contractDeclaration()} to its package.json.`;
  }
  if (semver.validRange(range, MATCHING) === null) {
    return `declares plugin contract range "${range}", which is not a semver range: write one such as "^${CONTRACT_VERSION}".`;
  }
  if (!isCompatible(range)) {
    return (
      `was built for plugin contract ${range}; this host implements contract ${CONTRACT_VERSION}. ` +
      `Install a version of the plugin built for ${CONTRACT_VERSION}, or run a host whose contract is in ${range}.`
    );
  }
  return undefined;
}
