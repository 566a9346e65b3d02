import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { findPackageDir } from '../../src/registry/plugin-package.js';

const FIXTURES = path.join(projectRoot, 'test/fixtures/packages');

/** A host project in a temp folder whose direct dependencies are the named fixture packages. */
export interface FixtureProject {
  dir: string;
  remove(): void;
}

function link(target: string, nodeModules: string, name: string): void {
  const at = path.join(nodeModules, name);
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(target, at, 'dir');
}

/**
 * Installs fixture packages (a folder of test/fixtures/packages, or any path → package name) as npm installs a local folder: a link in
 * node_modules and an entry in package.json. zod and the SDK are the real project's copies, as
 * for an installed host.
 */
export function fixtureProject(
  packages: Record<string, string>,
  extra: { optional?: Record<string, string> } = {},
): FixtureProject {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-fixture-project-'));
  const nodeModules = path.join(dir, 'node_modules');
  const shared = ['zod', '@data-product-portal/plugin-sdk'];
  for (const name of shared) link(findPackageDir(projectRoot, name) ?? '', nodeModules, name);
  const dependencies: Record<string, string> = Object.fromEntries(
    shared.map((name) => [name, '*']),
  );
  for (const [folder, name] of Object.entries(packages)) {
    link(path.resolve(FIXTURES, folder), nodeModules, name);
    dependencies[name] = `file:${path.resolve(FIXTURES, folder)}`;
  }
  const manifest = {
    name: 'fixture-host',
    private: true,
    dependencies,
    optionalDependencies: extra.optional,
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
