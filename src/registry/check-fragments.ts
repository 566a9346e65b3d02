import { readFileSync } from 'node:fs';
import { describeConfig } from '../config-schema/describe.js';
import { displayPath, paths } from '../paths.js';
import { checkFragment, FragmentError } from '../schema-build/fragment.js';
import { exclusionHint, PluginLoadError } from './errors.js';
import type { LoadedPlugin } from './load-module.js';

/**
 * Checks a plugin's Prisma fragment against the base schema, as the schema build does, so a
 * package with a broken fragment stops start-up by name (about 15 ms a plugin).
 */
export function checkPluginFragment({ plugin, source, package: pkg }: LoadedPlugin, baseSchema = paths.baseSchema): void {
  try {
    checkFragment(
      { file: baseSchema, text: readFileSync(baseSchema, 'utf8') },
      {
        pluginName: plugin.name,
        relationField: plugin.platform.key,
        file: plugin.prismaFragment,
        text: readFileSync(plugin.prismaFragment, 'utf8'),
        configFields: describeConfig(plugin.name, plugin.config).map((field) => field.name),
      },
    );
  } catch (error) {
    if (!(error instanceof FragmentError)) throw error;
    const hint = pkg ? `\n${exclusionHint(pkg.name)}` : '';
    throw new PluginLoadError(
      source,
      `its Prisma fragment ${displayPath(error.file)} is invalid:\n- ${error.problems.join('\n- ')}\nFix the fragment, then run \`npm run schema:build\`.${hint}`,
    );
  }
}
