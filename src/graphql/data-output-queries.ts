import { Kind } from 'graphql';
import type { PluginEntry } from '../catalog/plugin-view.js';
import { decodeCursor, encodeCursor } from '../store/cursor.js';
import type { ConfigRow, Page } from '../store/data-output-store.js';
import type { Builder } from './builder.js';
import type { DataOutputInterfaceRef } from './data-output-interface.js';
import { badUserInput, configurationId, pluginNotFound } from './errors.js';
import { pluginsReadBy, selectionsAt } from './selected-plugins.js';

const MAX_PAGE_SIZE = 100;

interface Connection {
  page: Page;
  plugins: string[];
  owner?: string;
}

function cursorOf(row: ConfigRow): string {
  return encodeCursor({ createdAt: row.base.createdAt, id: row.id });
}

function addConnectionTypes(builder: Builder, node: DataOutputInterfaceRef) {
  const PageInfo = builder.objectRef<Page>('PageInfo').implement({
    description: 'Where a page ends and whether more follow.',
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.string({
        nullable: true,
        description: 'Pass as `after` for the next page; null for an empty page.',
        resolve: (page) =>
          page.rows.length > 0 ? cursorOf(page.rows[page.rows.length - 1] as ConfigRow) : null,
      }),
    }),
  });
  const Edge = builder.objectRef<ConfigRow>('DataOutputConfigurationEdge').implement({
    fields: (t) => ({
      cursor: t.string({ resolve: cursorOf }),
      node: t.field({ type: node, resolve: (row) => row }),
    }),
  });
  return builder.objectRef<Connection>('DataOutputConfigurationConnection').implement({
    description: 'A page of data output configurations, newest first.',
    fields: (t) => ({
      // The page's `first` already counts the items (see dataOutputConfigurations' complexity).
      edges: t.field({
        type: [Edge],
        complexity: { field: 1, multiplier: 1 },
        resolve: ({ page }) => page.rows,
      }),
      nodes: t.field({
        type: [node],
        complexity: { field: 1, multiplier: 1 },
        resolve: ({ page }) => page.rows,
      }),
      pageInfo: t.field({ type: PageInfo, resolve: ({ page }) => page }),
      totalCount: t.int({
        description: 'How many configurations match the filter, on all pages (one extra query).',
        complexity: 10,
        resolve: ({ plugins, owner }, _args, ctx) => ctx.dataOutputs.count(plugins, owner),
      }),
    }),
  });
}

/** `dataOutputConfiguration(id)` and the paginated `dataOutputConfigurations`, over enabled plugins only. */
export function addDataOutputQueries(
  builder: Builder,
  entries: readonly PluginEntry[],
  node: DataOutputInterfaceRef,
): void {
  const names = entries.map((e) => e.view.name);
  const Connection = addConnectionTypes(builder, node);
  builder.queryFields((t) => ({
    dataOutputConfiguration: t.field({
      type: node,
      nullable: true,
      description: 'A configuration by id; null if there is none (or its plugin is not enabled).',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => ctx.dataOutputs.find(configurationId(id), names),
    }),
    dataOutputConfigurations: t.field({
      type: Connection,
      description:
        'Configurations newest first, optionally of one plugin, a page at a time (cursor pagination).',
      args: {
        plugin: t.arg.string({ description: 'Only this plugin, e.g. GlueDataOutput.' }),
        owner: t.arg.string({ description: 'Only those of this data product (its id).' }),
        first: t.arg.int({
          defaultValue: 20,
          required: true,
          description: `Page size, 1 to ${MAX_PAGE_SIZE}.`,
        }),
        after: t.arg.string({ description: 'The endCursor of the previous page.' }),
      },
      // A page is one SQL statement, whatever its size; what
      // it selects counts `first` times (bounded: a larger page is refused by the resolver).
      complexity: ({ first }) => ({
        field: 10,
        multiplier: Math.min(Math.max(first, 1), MAX_PAGE_SIZE),
      }),
      resolve: async (_root, args, ctx, info) => {
        if (args.plugin != null && !names.includes(args.plugin))
          throw pluginNotFound(args.plugin, names);
        const after = args.after == null ? null : decodeCursor(args.after);
        const issues = [
          ...(args.first < 1 || args.first > MAX_PAGE_SIZE
            ? [{ path: ['first'], field: [], message: `Must be between 1 and ${MAX_PAGE_SIZE}` }]
            : []),
          ...(args.after != null && after === null
            ? [{ path: ['after'], field: [], message: 'Not a cursor of this list' }]
            : []),
        ];
        if (issues.length > 0) throw badUserInput('Invalid page request', issues);
        const plugins = args.plugin == null ? names : [args.plugin];
        const owner = args.owner ?? undefined;
        // Plugin rows only for what `nodes` or `edges.node` reads.
        const read = pluginsReadBy(
          {
            kind: Kind.SELECTION_SET,
            selections: [
              ...selectionsAt(info, ['nodes']).selections,
              ...selectionsAt(info, ['edges', 'node']).selections,
            ],
          },
          plugins,
          info.fragments,
        );
        const page = await ctx.dataOutputs.list(plugins, args.first, after, {
          read,
          ...(owner === undefined ? {} : { ownerId: owner }),
        });
        return { page, plugins, ...(owner === undefined ? {} : { owner }) };
      },
    }),
  }));
}
