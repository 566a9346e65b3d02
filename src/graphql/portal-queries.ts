import type { ParentTile } from '@data-product-portal/plugin-sdk';
import type { PluginEntry, PluginView } from '../catalog/plugin-view.js';
import { resultStringOf } from '../presentation/render.js';
import { type PlatformTile, platformTiles } from '../presentation/tiles.js';
import type { PlatformSettingsStore } from '../store/platform-settings-store.js';
import type { Builder } from './builder.js';
import { pluginNotFound } from './errors.js';

/**
 * The values as they would be stored: with the save rules when the draft already parses, else
 * the draft over the fields' defaults (so an untouched table renders `*`).
 */
async function draftValues(entry: PluginEntry, draft: Record<string, unknown>) {
  const defaults = Object.fromEntries(
    entry.view.fields.flatMap((field) =>
      field.defaultValue === undefined ? [] : [[field.name, field.defaultValue]],
    ),
  );
  const values = { ...defaults, ...draft };
  const parsed = await entry.plugin.config.safeParseAsync(values);
  return parsed.success ? (parsed.data as Record<string, unknown>) : values;
}

type Configured = (source: PlatformSettingsStore) => Promise<readonly PluginView[]>;

/** `platformTiles` and `renderResultString`: the portal's tile picker and live result box. */
export function addPortalQueries(
  builder: Builder,
  entries: readonly PluginEntry[],
  parents: ReadonlyMap<string, ParentTile>,
  configured: Configured,
): void {
  const Tile = builder.objectRef<PlatformTile>('PlatformTile');
  Tile.implement({
    description:
      'A tile of the platform picker: a platform, or a parent (e.g. AWS) holding platforms.',
    fields: (t) => ({
      key: t.exposeString('key', { description: 'Platform key, or the parent’s key (e.g. aws).' }),
      label: t.exposeString('label'),
      iconName: t.exposeString('iconName'),
      plugin: t.exposeString('plugin', {
        nullable: true,
        description: 'The plugin of a platform tile; null for a parent tile.',
      }),
      configured: t.exposeBoolean('configured', {
        description: 'Its form (every child’s, for a parent) has the settings it needs.',
      }),
      hasEnvironments: t.exposeBoolean('hasEnvironments'),
      showInForm: t.exposeBoolean('showInForm'),
      children: t.field({ type: [Tile], resolve: (tile) => tile.children }),
    }),
  });
  const byName = new Map(entries.map((entry) => [entry.view.name, entry]));
  builder.queryFields((t) => ({
    platformTiles: t.field({
      type: [Tile],
      description: 'The platform picker: parent tiles with their platforms, and platforms alone.',
      resolve: async (_root, _args, ctx) =>
        platformTiles(await configured(ctx.platformSettings), parents),
    }),
    renderResultString: t.string({
      nullable: true,
      description:
        'The resulting access path of a configuration not stored yet, as the user types: no validation beyond shape; fields not sent render empty and are tidied by the plugin’s post-processing. Null when the plugin declares none. Unknown plugins fail with PLUGIN_NOT_FOUND.',
      args: {
        plugin: t.arg.string({ required: true, description: 'Plugin name, e.g. GlueDataOutput.' }),
        values: t.arg({
          type: 'JSONObject',
          required: true,
          description: 'The form’s values so far, by input field name.',
        }),
      },
      resolve: async (_root, args) => {
        const entry = byName.get(args.plugin);
        if (!entry) throw pluginNotFound(args.plugin, [...byName.keys()]);
        return resultStringOf(entry.plugin, await draftValues(entry, args.values));
      },
    }),
  }));
}
