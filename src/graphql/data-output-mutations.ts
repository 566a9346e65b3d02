import type { ConfigOwner } from '@data-product-portal/plugin-sdk';
import type { PluginEntry } from '../catalog/plugin-view.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { BaseRow } from '../store/data-output-store.js';
import { parseConfiguration } from '../validation/parse-configuration.js';
import type { Builder, Context } from './builder.js';
import type { DataOutputInterfaceRef } from './data-output-interface.js';
import { badUserInput, configurationId, notFound, pluginNotAvailable } from './errors.js';
import { addOneOfByPlatform, memberOf } from './one-of-input.js';
import { type OwnerRefs, ownerIssues } from './owner.js';

function missing(id: string): Error {
  return notFound(`No data output configuration has id ${id}.`);
}

/**
 * The stored form of an input, or a BAD_USER_INPUT error naming every offending field. The
 * platform settings it is checked against are read in `tx`, the transaction that stores it.
 */
async function valuesOf(
  entry: PluginEntry,
  key: string,
  input: unknown,
  ctx: Context,
  tx: Prisma.TransactionClient,
  id?: string,
  owner?: ConfigOwner,
) {
  const stored = await ctx.platformSettings.inTransaction(tx, entry.view.platform);
  const context = {
    platformSettings: stored?.settings ?? null,
    operation: id ? ('update' as const) : ('create' as const),
    ...(id ? { id } : {}),
    ...(owner ? { owner } : {}),
  };
  const parsed = await parseConfiguration(entry.plugin, entry.view, input, context, ['input', key]);
  const problems = [
    ...(owner ? ownerIssues(owner, ['owner']) : []),
    ...(parsed.ok ? [] : parsed.issues),
  ];
  if (!parsed.ok || problems.length > 0)
    throw badUserInput(`Invalid ${entry.view.name} configuration`, problems);
  return parsed.value;
}

function storedOwner(base: BaseRow): ConfigOwner | undefined {
  if (base.ownerId === null) return undefined;
  return {
    dataProductId: base.ownerId,
    namespace: base.ownerNamespace ?? '',
    sourceAligned: base.ownerSourceAligned ?? false,
  };
}

/** Create, update and delete data output configurations; input is a `@oneOf` keyed by platform. */
export function addDataOutputMutations(
  builder: Builder,
  entries: readonly PluginEntry[],
  node: DataOutputInterfaceRef,
  { OwnerInput }: OwnerRefs,
): void {
  const byKey = new Map(entries.map((entry) => [entry.view.platform, entry]));
  const names = entries.map((entry) => entry.view.name);
  const Input = addOneOfByPlatform(
    builder,
    'DataOutputConfigurationInput',
    'A data output configuration: exactly one field, named by the platform key, holding that plugin’s configuration.',
    entries.map(({ view }) => ({
      view,
      type: view.inputTypeName,
      description: `A ${view.displayName} configuration (plugin ${view.name}).`,
    })),
  );
  if (!Input) return;
  const entryOf = (key: string): PluginEntry => {
    const entry = byKey.get(key);
    if (!entry) throw new Error(`DataOutputConfigurationInput has no plugin for field ${key}.`);
    return entry;
  };

  builder.mutationFields((t) => ({
    createDataOutputConfiguration: t.field({
      type: node,
      description:
        'Validates and stores a configuration (its base row and plugin row, atomically). Role: editor.',
      authScopes: { role: 'editor' },
      args: {
        input: t.arg({ type: Input, required: true }),
        owner: t.arg({
          type: OwnerInput,
          description:
            'The data product it belongs to: stored with it, given to the plugin’s check, and its namespace accepted as a prefix of `useNamespaceWhenNotSourceAligned` fields.',
        }),
      },
      resolve: async (_root, args, ctx) => {
        const { key, input } = memberOf(args.input);
        const entry = entryOf(key);
        const owner = args.owner ?? undefined;
        return ctx.prisma.$transaction(async (tx) =>
          ctx.dataOutputs.create(
            entry.view.name,
            await valuesOf(entry, key, input, ctx, tx, undefined, owner),
            owner && {
              ownerId: owner.dataProductId,
              ownerNamespace: owner.namespace,
              ownerSourceAligned: owner.sourceAligned,
            },
            tx,
          ),
        );
      },
    }),
    updateDataOutputConfiguration: t.field({
      type: node,
      description:
        "Replaces a configuration's values. The input's platform must be the stored one. Role: editor.",
      authScopes: { role: 'editor' },
      args: { id: t.arg.id({ required: true }), input: t.arg({ type: Input, required: true }) },
      resolve: async (_root, args, ctx) => {
        const id = configurationId(args.id);
        const { key, input } = memberOf(args.input);
        const entry = entryOf(key);
        const base = await ctx.dataOutputs.findBase(id);
        if (!base) throw missing(id);
        if (!names.includes(base.plugin)) throw pluginNotAvailable(id, base.plugin);
        if (base.plugin !== entry.view.name) {
          const stored = entries.find((e) => e.view.name === base.plugin)?.view.platform ?? '';
          throw badUserInput('Wrong plugin', [
            {
              path: ['input', key],
              field: [],
              message: `Configuration ${id} belongs to ${base.plugin}: send its values as input.${stored}`,
            },
          ]);
        }
        const updated = await ctx.prisma.$transaction(async (tx) =>
          ctx.dataOutputs.update(
            id,
            entry.view.name,
            // The stored owner: the namespace rule keeps holding on update.
            await valuesOf(entry, key, input, ctx, tx, id, storedOwner(base)),
            tx,
          ),
        );
        if (!updated) throw missing(id);
        return updated;
      },
    }),
    deleteDataOutputConfiguration: t.field({
      type: node,
      description: 'Deletes a configuration (both rows) and returns what was stored. Role: editor.',
      authScopes: { role: 'editor' },
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const id = configurationId(args.id);
        const deleted = await ctx.dataOutputs.delete(id, names);
        if (deleted) return deleted;
        const base = await ctx.dataOutputs.findBase(id);
        if (base && !names.includes(base.plugin)) throw pluginNotAvailable(id, base.plugin);
        throw missing(id);
      },
    }),
  }));
}
