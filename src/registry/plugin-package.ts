import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SDK_PACKAGE } from '@data-product-portal/plugin-sdk/internal';
import { z } from 'zod';
import { displayPath } from '../paths.js';
import { contractProblem } from './contract.js';
import { exclusionHint, PluginLoadError } from './errors.js';
import { exportTarget } from './package-exports.js';

/** The package.json field that makes a package a portal plugin: `{ "plugin": "./plugin" }`. */
export const MARKER = 'dataProductPortal';

/** A dependency whose package.json carries the marker; read before anything of it is imported. */
export interface PluginPackage {
  name: string;
  version: string;
  /** Its folder under node_modules, as installed (a link for `npm install <folder>`). */
  dir: string;
  /** The export subpath holding the plugin, e.g. `./plugin`. */
  entry: string;
  /** Its peer dependency range on the plugin SDK: the plugin contract it was built for. */
  contractRange?: string;
  /** Its package.json `exports` and `main`, which locate the entry. */
  exports?: unknown;
  main?: unknown;
}

/** A plugin package that passed the checks; its contract range is known to include the host's. */
export type CheckedPackage = PluginPackage & { contractRange: string };

const manifestShape = z.object({
  name: z.string(),
  version: z.string().default('0.0.0'),
  peerDependencies: z.record(z.string(), z.string()).optional(),
  exports: z.unknown().optional(),
  main: z.unknown().optional(),
  [MARKER]: z.unknown().optional(),
});

const markerShape = z.object(
  {
    plugin: z
      .string()
      .regex(
        /^\.(\/.+)?$/,
        'must be an export subpath such as "./plugin" (or "." for the main export)',
      ),
  },
  { error: 'must be an object such as { "plugin": "./plugin" }' },
);

export function packageCulprit(pkg: Pick<PluginPackage, 'name' | 'version'>): string {
  return `package ${pkg.name}@${pkg.version}`;
}

function readJson(file: string, culprit: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PluginLoadError(
      culprit,
      `its ${displayPath(file)} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Reads an installed dependency's package.json; undefined when it is not a portal plugin. */
export function readPluginPackage(dir: string, dependency: string): PluginPackage | undefined {
  const file = path.join(dir, 'package.json');
  const manifest = manifestShape.safeParse(readJson(file, `package ${dependency}`));
  if (!manifest.success) return undefined;
  const { name, version, peerDependencies, exports, main } = manifest.data;
  const declared = manifest.data[MARKER];
  if (declared === undefined) return undefined;
  const culprit = packageCulprit({ name, version });
  const marker = markerShape.safeParse(declared);
  if (!marker.success) {
    const issue = marker.error.issues[0];
    const at = [MARKER, ...(issue?.path ?? [])].join('.');
    throw new PluginLoadError(
      culprit,
      `its package.json \`${at}\` ${issue?.message ?? 'is invalid'}.\n${exclusionHint(name)}`,
    );
  }
  return {
    name,
    version,
    dir,
    entry: marker.data.plugin,
    contractRange: peerDependencies?.[SDK_PACKAGE],
    exports,
    main,
  };
}

/** Where Node would find package `name` from `fromDir`: the first node_modules copy up the tree. */
export function findPackageDir(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * What the host checks of a plugin package before importing it: the contract range, the entry,
 * and that it shares the host's copies of zod and the SDK (two copies reject each other's
 * schemas). Returns the URL to import and the checked range.
 */
export function checkPluginPackage(
  pkg: PluginPackage,
  hostDir: string,
): { url: string; contractRange: string } {
  const culprit = packageCulprit(pkg);
  const contractRange = pkg.contractRange;
  const incompatible = contractProblem(contractRange);
  if (incompatible !== undefined || contractRange === undefined)
    throw new PluginLoadError(culprit, incompatible ?? 'has no contract range.');
  const target = exportTarget(pkg, pkg.entry);
  if (target === undefined) {
    throw new PluginLoadError(
      culprit,
      `declares plugin entry "${pkg.entry}", which its package.json \`exports\` does not list: export it, e.g. "exports": { "${pkg.entry}": "./dist/index.js" }.`,
    );
  }
  const file = path.join(pkg.dir, target);
  if (!existsSync(file))
    throw new PluginLoadError(
      culprit,
      `its plugin entry "${pkg.entry}" points at ${target}, which is not in the package: build or reinstall it.`,
    );
  checkSharedCopies(culprit, realpathSync(pkg.dir), hostDir);
  // Node imports a linked package from its real location; so must the host.
  return { url: pathToFileURL(realpathSync(file)).href, contractRange };
}

/**
 * Refuses a plugin whose code, in `realDir`, resolves another copy of zod or the SDK than the
 * host in `hostDir` does: two copies reject each other's schemas.
 */
export function checkSharedCopies(culprit: string, realDir: string, hostDir: string): void {
  for (const shared of ['zod', SDK_PACKAGE]) {
    const own = findPackageDir(realDir, shared);
    const host = findPackageDir(hostDir, shared);
    if (own && host && own !== host) {
      const ownModules = path.join(realDir, 'node_modules');
      // A folder where `npm install` ran (devDependencies) differs from one that depends on its own copy.
      const fix = own.startsWith(ownModules + path.sep)
        ? `The copy is in the package's own ${ownModules} (from \`npm install\` in its folder): delete that folder, or install the package from its \`npm pack\` tarball.`
        : `List ${shared} in its peerDependencies, not its dependencies, and install the package into this project.`;
      throw new PluginLoadError(
        culprit,
        `resolves its own copy of ${shared} (${own}), not the host's (${host}); two copies reject each other's schemas. ${fix}`,
      );
    }
  }
}
