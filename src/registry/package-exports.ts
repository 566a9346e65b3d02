import path from 'node:path';

// The conditions the host imports with (it is an ESM program on Node).
const CONDITIONS = new Set(['import', 'node', 'default']);

function pickTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(pickTarget).find((target) => target !== undefined);
  if (value && typeof value === 'object') {
    for (const [condition, nested] of Object.entries(value)) {
      const target = CONDITIONS.has(condition) ? pickTarget(nested) : undefined;
      if (target !== undefined) return target;
    }
  }
  return undefined;
}

function isConditionMap(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).every((key) => !key.startsWith('.'))
  );
}

/**
 * The file a package subpath (`.` or `./plugin`) points at, relative to the package folder, as
 * Node resolves it for `import`: through `exports` when the package has them (explicit subpaths
 * only), else the path itself (`main` for `.`). Undefined when the package does not export it.
 */
export function exportTarget(
  manifest: { exports?: unknown; main?: unknown },
  subpath: string,
): string | undefined {
  const { exports } = manifest;
  if (exports === undefined) {
    if (subpath !== '.') return subpath;
    return typeof manifest.main === 'string' ? manifest.main : './index.js';
  }
  if (typeof exports === 'string' || Array.isArray(exports) || isConditionMap(exports)) {
    return subpath === '.' ? pickTarget(exports) : undefined;
  }
  const entry = (exports as Record<string, unknown>)[subpath];
  const target = pickTarget(entry);
  // Node refuses targets outside the package folder.
  return target?.startsWith('./') && !path.posix.normalize(target).startsWith('../')
    ? target
    : undefined;
}
