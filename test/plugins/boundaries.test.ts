import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/paths.js';

const ALLOWED = new Set(['zod', '@data-product-portal/plugin-sdk']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // A plugin's own tests may use the test runner and Node; what it ships may not.
    if (entry.isDirectory())
      return entry.name === 'test' || entry.name === 'node_modules' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('plugin boundaries', () => {
  const folders = readdirSync(paths.internalPlugins, { withFileTypes: true }).filter((d) =>
    d.isDirectory(),
  );

  it.each(folders.map((f) => [f.name]))(
    'plugins/%s imports only zod, the SDK and its own files',
    (folder) => {
      const root = path.join(paths.internalPlugins, folder);
      for (const file of sources(root)) {
        const specifiers = [
          ...readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g),
        ].map((m) => m[1] ?? m[2] ?? '');
        for (const specifier of specifiers) {
          const inside =
            specifier.startsWith('.') &&
            !path.relative(root, path.resolve(path.dirname(file), specifier)).startsWith('..');
          expect(
            ALLOWED.has(specifier) || inside,
            `${path.relative(paths.internalPlugins, file)} imports ${specifier}`,
          ).toBe(true);
        }
      }
    },
  );
});
