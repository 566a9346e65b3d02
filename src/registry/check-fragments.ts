import { readFileSync } from 'node:fs';
import { displayPath, paths } from '../paths.js';
import { checkFragment, FragmentError } from '../schema-build/fragment.js';
import { fragmentOf } from '../schema-build/fragments-of.js';
import { exclusionHint, PluginLoadError } from './errors.js';
import type { LoadedPlugin } from './load-module.js';

/**
 * Checks a plugin's Prisma fragment against the base schema, as the schema build does, so a
 * package with a broken fragment stops start-up by name (about 15 ms a plugin).
 */
export function checkPluginFragment({ plugin, source, package: pkg }: LoadedPlugin, baseSchema = paths.baseSchema): void {
  try {
    checkFragment({ file: baseSchema, text: readFileSync(baseSchema, 'utf8') }, fragmentOf(plugin));
  } catch (error) {
    if (!(error instanceof FragmentError)) throw error;
    const hint = pkg ? `\n${exclusionHint(pkg.name)}` : '';
    throw new PluginLoadError(
      source,
      `its Prisma fragment ${displayPath(error.file)} is invalid:\n- ${error.problems.join('\n- ')}\nFix the fragment, then run \`npm run schema:build\`.${hint}`,
    );
  }
}
