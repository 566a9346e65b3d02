import type { PluginEntry } from '../catalog/plugin-view.js';
import { namedSettingsOf } from '../presentation/named-settings.js';
import {
  type ConsoleLink,
  configValues,
  consoleLinkOf,
  resultStringOf,
  type TechnicalInformation,
  technicalInformationOf,
} from '../presentation/render.js';
import type { ConfigRow } from '../store/data-output-store.js';
import type { Builder } from './builder.js';
import type { DataOutputInterfaceRef } from './data-output-interface.js';
import type { OwnerRefs } from './owner.js';

/**
 * What the portal shows on an asset card, on every configuration type: the resulting access
 * path, the console link and the technical information per environment, each rendered by the
 * configuration's plugin.
 */
export function addPresentationFields(
  builder: Builder,
  entries: readonly PluginEntry[],
  node: DataOutputInterfaceRef,
  { Owner }: OwnerRefs,
) {
  const pluginOf = new Map(entries.map((entry) => [entry.view.name, entry.plugin]));
  const Link = builder.objectRef<ConsoleLink>('ConsoleLink').implement({
    description: 'A link to the platform console, or why there is none.',
    fields: (t) => ({
      url: t.exposeString('url', { nullable: true }),
      reason: t.exposeString('reason', {
        nullable: true,
        description:
          'Why there is no link (e.g. settings an operator has not stored yet); null with a url.',
      }),
    }),
  });
  const Info = builder.objectRef<TechnicalInformation>('TechnicalInformation').implement({
    description: 'The technical information of a configuration in one environment.',
    fields: (t) => ({
      environment: t.exposeString('environment', { description: 'Environment name, e.g. dev.' }),
      info: t.exposeString('info', {
        nullable: true,
        description:
          'e.g. the bucket ARN path in that environment; null when a setting it needs is missing.',
      }),
      reason: t.exposeString('reason', { nullable: true }),
    }),
  });
  const whole = (row: ConfigRow) => (row.missingPluginRow ? null : pluginOf.get(row.base.plugin));
  builder.interfaceFields(node, (t) => ({
    owner: t.field({
      type: Owner,
      nullable: true,
      description: 'The data product it belongs to; null when none was named at creation.',
      resolve: ({ base }) =>
        base.ownerId === null
          ? null
          : {
              dataProductId: base.ownerId,
              namespace: base.ownerNamespace ?? '',
              sourceAligned: base.ownerSourceAligned ?? false,
            },
    }),
    resultString: t.string({
      nullable: true,
      description:
        'The resulting access path ("Resulting table" / "Resulting path"); null when the plugin declares none.',
      resolve: (row) => {
        const plugin = whole(row);
        return plugin ? resultStringOf(plugin, configValues(row)) : null;
      },
    }),
    consoleUrl: t.field({
      type: Link,
      description: 'A link to the platform console, from the platform’s named settings.',
      args: {
        environment: t.arg.string({
          description: 'Use this environment’s settings over the platform’s own.',
        }),
      },
      resolve: async (row, args, ctx) => {
        const plugin = whole(row);
        if (!plugin) return { url: null, reason: 'The configuration is incomplete.' };
        const settings = await namedSettingsOf(ctx).of(plugin.platform.key);
        return consoleLinkOf(plugin, configValues(row), settings, args.environment ?? null);
      },
    }),
    technicalInformation: t.field({
      type: [Info],
      description:
        'One entry per environment the platform has settings for (platforms with environments).',
      resolve: async (row, _args, ctx) => {
        const plugin = whole(row);
        if (!plugin) return [];
        const settings = await namedSettingsOf(ctx).of(plugin.platform.key);
        return technicalInformationOf(plugin, configValues(row), settings);
      },
    }),
  }));
}
