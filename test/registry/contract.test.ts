import { CONTRACT_VERSION } from '@data-product-portal/plugin-sdk/internal';
import { describe, expect, it } from 'vitest';
import { contractProblem, isCompatible } from '../../src/registry/contract.js';

describe('plugin contract compatibility', () => {
  it.each([
    ['1.0.0', '^1.0.0', true],
    ['1.4.2', '^1.0.0', true],
    ['2.0.0', '^1.0.0', false],
    ['1.0.0', '^1.1.0', false],
    ['1.0.0', '>=1.0.0 <3', true],
    ['2.1.0', '^1.0.0 || ^2.0.0', true],
    // The prerelease rule: a host prerelease is matched like a release and sorts before it.
    ['1.1.0-beta.1', '^1.0.0', true],
    ['2.0.0-rc.1', '^1.0.0', false],
    ['1.0.0-rc.1', '^1.0.0', false],
    ['2.0.0-rc.1', '^2.0.0-rc.1', true],
    ['2.0.0-rc.2', '^2.0.0-rc.1', true],
    ['2.0.0', '^2.0.0-rc.1', true],
    ['2.0.0-beta.3', '^2.0.0-rc.1', false],
  ])('host contract %s, plugin range %s: compatible = %s', (host, range, compatible) => {
    expect(isCompatible(range, host)).toBe(compatible);
  });

  it('explains an incompatible, an invalid and a missing range', () => {
    expect(contractProblem(`^${CONTRACT_VERSION}`)).toBeUndefined();
    expect(contractProblem('^2.0.0')).toBe(
      `was built for plugin contract ^2.0.0; this host implements contract ${CONTRACT_VERSION}. ` +
        `Install a version of the plugin built for ${CONTRACT_VERSION}, or run a host whose contract is in ^2.0.0.`,
    );
    expect(contractProblem('one point oh')).toBe(
      `declares plugin contract range "one point oh", which is not a semver range: write one such as "^${CONTRACT_VERSION}".`,
    );
    expect(contractProblem(undefined)).toBe(
      `declares no plugin contract range: add "peerDependencies": { "@data-product-portal/plugin-sdk": "^${CONTRACT_VERSION}" } to its package.json.`,
    );
  });
});
