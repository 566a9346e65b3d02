import { GraphQLError } from 'graphql';
import type { PluginView } from '../catalog/plugin-view.js';
import type { Builder } from './builder.js';
import { addPluginTypes } from './plugin-types.js';

/** Root fields whose answers are fixed for the life of the process (see static-results.ts). */
export const STATIC_QUERY_FIELDS: ReadonlySet<string> = new Set(['plugins', 'pluginForm']);

/** `plugins` and `pluginForm(name)`, answered from views computed once at start-up. */
export function addPluginQueries(builder: Builder, views: readonly PluginView[]): void {
  const { Plugin, PluginForm } = addPluginTypes(builder);
  const byName = new Map(views.map((view) => [view.name, view]));
  builder.queryFields((t) => ({
    plugins: t.field({
      type: [Plugin],
      description: 'Every enabled plugin, by name.',
      resolve: () => views,
    }),
    pluginForm: t.field({
      type: PluginForm,
      description: 'A plugin and its form. Unknown names fail with code PLUGIN_NOT_FOUND.',
      args: { name: t.arg.string({ required: true, description: 'Plugin name, e.g. GlueDataOutput.' }) },
      resolve: (_root, { name }) => {
        const view = byName.get(name);
        if (view) return view;
        const known = [...byName.keys()];
        throw new GraphQLError(`Unknown plugin "${name}". Known plugins: ${known.join(', ') || 'none'}.`, {
          extensions: { code: 'PLUGIN_NOT_FOUND', knownPlugins: known },
        });
      },
    }),
  }));
}
