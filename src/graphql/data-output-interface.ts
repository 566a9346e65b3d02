import type { PluginView } from '../catalog/plugin-view.js';
import type { ConfigRow } from '../store/data-output-store.js';
import type { Builder } from './builder.js';

/**
 * The fields every stored configuration has, whatever its plugin. Each plugin's object type
 * implements it, so a client selects these and reaches per-platform fields with fragments.
 */
const INCOMPLETE = 'IncompleteDataOutputConfiguration';

export function addDataOutputInterface(builder: Builder, views: readonly PluginView[]) {
  const platformOf = new Map(views.map((view) => [view.name, view.platform]));
  const ref = builder.interfaceRef<ConfigRow>('DataOutputConfiguration').implement({
    description:
      'A stored data output configuration. Select platform fields with `... on GlueDataOutput { database }`.',
    // Object types are named after their plugin.
    resolveType: (row) => (row.missingPluginRow ? INCOMPLETE : row.base.plugin),
    fields: (t) => ({
      id: t.id({ description: 'Id of the configuration (a UUID).', resolve: (row) => row.id }),
      plugin: t.string({
        description: 'Name of the plugin it belongs to, e.g. GlueDataOutput.',
        resolve: (row) => row.base.plugin,
      }),
      platform: t.string({
        description:
          'Platform key of that plugin, e.g. glue: the field of DataOutputConfigurationInput to update it with.',
        resolve: (row) => platformOf.get(row.base.plugin) ?? '',
      }),
      createdAt: t.field({ type: 'DateTime', resolve: (row) => row.base.createdAt }),
      updatedAt: t.field({ type: 'DateTime', resolve: (row) => row.base.updatedAt }),
    }),
  });
  builder.objectRef<ConfigRow>(INCOMPLETE).implement({
    description:
      'A configuration whose plugin row is missing (its tables were changed outside the service): ' +
      'only the shared fields were stored. Lists and reads skip it; deleting it returns this.',
    interfaces: [ref],
    isTypeOf: (row) => (row as ConfigRow).missingPluginRow === true,
    fields: () => ({}),
  });
  return ref;
}

export type DataOutputInterfaceRef = ReturnType<typeof addDataOutputInterface>;
