import { readFileSync } from 'node:fs';
import { displayPath, paths } from '../../src/paths.js';
import { PluginLoadError } from '../../src/registry/errors.js';
import type { LoadedPlugin } from '../../src/registry/load-module.js';
import { checkFragment, FragmentError, type SchemaFile } from './fragment.js';
import { fragmentOf } from './fragments-of.js';

/** The base Prisma schema that fragments are checked against; read once per load. */
export function readBaseSchema(file = paths.baseSchema): SchemaFile {
  return { file, text: readFileSync(file, 'utf8') };
}

/**
 * Checks a plugin's Prisma fragment against the base schema (8 to 10 ms a plugin,
 * `npm run bench:plugins`), so a package with a broken fragment fails the build by name.
 */
export function checkPluginFragment({ plugin, source }: LoadedPlugin, base: SchemaFile): void {
  try {
    checkFragment(base, fragmentOf(plugin));
  } catch (error) {
    if (!(error instanceof FragmentError)) throw error;
    throw new PluginLoadError(
      source,
      `its Prisma fragment ${displayPath(error.file)} is invalid:\n- ${error.problems.join('\n- ')}\n` +
        'Fix the fragment, then run `npm run schema:build`.',
    );
  }
}

/** The registry's `verify` option of the tools: every plugin's fragment checked on loading. */
export function fragmentCheck(base: SchemaFile = readBaseSchema()): (loaded: LoadedPlugin) => void {
  return (loaded) => checkPluginFragment(loaded, base);
}
