import { readFileSync } from 'node:fs';
import { displayPath, paths } from '../paths.js';
import { checkFragment, FragmentError, type SchemaFile } from '../schema-build/fragment.js';
import { fragmentOf } from '../schema-build/fragments-of.js';
import { exclusionHint, PluginLoadError } from './errors.js';
import type { LoadedPlugin } from './load-module.js';

/** The base Prisma schema that fragments are checked against; read once per load. */
export function readBaseSchema(file = paths.baseSchema): SchemaFile {
  return { file, text: readFileSync(file, 'utf8') };
}

/**
 * Checks a plugin's Prisma fragment against the base schema, as the schema build does, so a
 * package with a broken fragment stops start-up by name (8 to 10 ms a plugin, `npm run bench:plugins`).
 */
export function checkPluginFragment(
  { plugin, source, package: pkg }: LoadedPlugin,
  base: SchemaFile,
): void {
  try {
    checkFragment(base, fragmentOf(plugin));
  } catch (error) {
    if (!(error instanceof FragmentError)) throw error;
    const hint = pkg ? `\n${exclusionHint(pkg.name)}` : '';
    throw new PluginLoadError(
      source,
      `its Prisma fragment ${displayPath(error.file)} is invalid:\n- ${error.problems.join('\n- ')}\nFix the fragment, then run \`npm run schema:build\`.${hint}`,
    );
  }
}
