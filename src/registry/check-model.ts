import { columnOf } from '../config-schema/columns.js';
import { describeConfig } from '../config-schema/describe.js';
import { PluginLoadError } from './errors.js';
import type { LoadedPlugin } from './load-module.js';

/** The models of the generated Prisma client, as its datamodel lists them. */
export type BuiltModels = Readonly<
  Record<string, { fields: ReadonlyArray<{ name: string; type: string; kind: string }> }>
>;

const REBUILD =
  'Run `npm run schema:build` (it merges the plugin fragments into prisma/schema.prisma and ' +
  'generates the client), then start again.';

/**
 * Checks each plugin against the Prisma client the schema build generated: its model is there
 * and has a column of a fitting type for every configuration field. A plugin installed or changed
 * since the last build fails here, by name, instead of on its first query. The fragment itself was
 * checked by the build.
 */
export function modelCheck(models: BuiltModels): (loaded: LoadedPlugin) => void {
  return ({ plugin, source }) => {
    const model = models[plugin.name];
    if (!model) {
      throw new PluginLoadError(source, `has no model in the generated Prisma client. ${REBUILD}`);
    }
    const columns = new Map(model.fields.map((field) => [field.name, field]));
    const problems = describeConfig(plugin.name, plugin.config)
      .map(columnOf)
      .flatMap(({ name, prismaTypes }) => {
        const column = columns.get(name);
        if (!column) return [`configuration field \`${name}\` has no column`];
        return prismaTypes.includes(column.type)
          ? []
          : [
              `column \`${name}\` is ${column.type}; configuration field \`${name}\` needs ${prismaTypes.join(' or ')}`,
            ];
      });
    if (problems.length > 0) {
      throw new PluginLoadError(
        source,
        `its model ${plugin.name} in the generated Prisma client does not fit its configuration:\n- ${problems.join('\n- ')}\n${REBUILD}`,
      );
    }
  };
}
