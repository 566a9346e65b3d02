import { configuredViews } from '../catalog/configured-view.js';
import type { PluginView } from '../catalog/plugin-view.js';
import { formFor } from '../presentation/prefill.js';
import type { Builder } from './builder.js';
import { pluginNotFound } from './errors.js';
import type { OwnerRefs } from './owner.js';
import { addPluginTypes } from './plugin-types.js';

/**
 * Root fields whose answers change only with the platform settings (see static-results.ts):
 * the plugins are fixed for the life of the process.
 */
export const STATIC_QUERY_FIELDS: ReadonlySet<string> = new Set([
  'plugins',
  'pluginForm',
  'platformTiles',
]);

/** `plugins` and `pluginForm(name)`: views computed at start-up, with the stored platform settings applied. */
export function addPluginQueries(
  builder: Builder,
  views: readonly PluginView[],
  { OwnerInput }: OwnerRefs,
) {
  const { Plugin, PluginForm } = addPluginTypes(builder);
  const configured = configuredViews(views);
  builder.objectField(Plugin, 'form', (t) =>
    t.field({
      type: PluginForm,
      description:
        'Its form, as `pluginForm` answers it: every form in the one plugin list request.',
      args: {
        owner: t.arg({ type: OwnerInput, description: 'Pre-fill for this data product.' }),
      },
      resolve: (view, args) => formFor(view, args.owner),
    }),
  );
  builder.queryFields((t) => ({
    plugins: t.field({
      type: [Plugin],
      description: 'Every enabled plugin, by name.',
      resolve: (_root, _args, ctx) => configured(ctx.platformSettings),
    }),
    pluginForm: t.field({
      type: PluginForm,
      description:
        'A plugin and its form, select options filled from the platform settings. Unknown names fail with code PLUGIN_NOT_FOUND.',
      args: {
        name: t.arg.string({ required: true, description: 'Plugin name, e.g. GlueDataOutput.' }),
        owner: t.arg({
          type: OwnerInput,
          description:
            'The data product the form is for: its namespace pre-fills `useNamespaceWhenNotSourceAligned` elements unless it is source aligned.',
        }),
      },
      resolve: async (_root, { name, owner }, ctx) => {
        const all = await configured(ctx.platformSettings);
        const view = all.find((v) => v.name === name);
        if (view) return formFor(view, owner);
        throw pluginNotFound(
          name,
          all.map((v) => v.name),
        );
      },
    }),
  }));
  return configured;
}
