import { IDENTIFIER_MAX_LENGTH, textProblem } from '@data-product-portal/plugin-sdk';
import type { z } from 'zod';
import type { PluginEntry } from '../catalog/plugin-view.js';
import { NO_ENVIRONMENT, namedSettingsOf } from '../presentation/named-settings.js';
import { zodIssues } from '../validation/issues.js';
import type { Builder } from './builder.js';
import { badUserInput, pluginNotFound } from './errors.js';

interface NamedSettingsShape {
  platform: string;
  environment: string | null;
  values: Record<string, unknown>;
}

/**
 * `platformNamedSettings` and `configurePlatformSettings`: the settings a plugin declares in
 * `namedSettings` (console URLs, account ids, ARNs), for the platform and per environment.
 */
export function addNamedSettings(builder: Builder, entries: readonly PluginEntry[]): void {
  const byPlatform = new Map(
    entries.flatMap((entry) =>
      entry.plugin.namedSettings ? [[entry.view.platform, entry] as const] : [],
    ),
  );
  if (byPlatform.size === 0) return;
  const Settings = builder.objectRef<NamedSettingsShape>('PlatformNamedSettings').implement({
    description:
      'Named settings of a platform (console URL, account, ARNs), its own or one environment’s.',
    fields: (t) => ({
      platform: t.exposeString('platform'),
      environment: t.exposeString('environment', {
        nullable: true,
        description: 'Null for the platform’s own settings, which every environment inherits.',
      }),
      values: t.expose('values', { type: 'JSONObject' }),
    }),
  });
  const platforms = [...byPlatform.keys()];
  const entryOf = (platform: string) => {
    const entry = byPlatform.get(platform);
    if (!entry) throw pluginNotFound(platform, platforms);
    return entry;
  };
  builder.queryFields((t) => ({
    platformNamedSettings: t.field({
      type: [Settings],
      description:
        'The named settings of a platform whose plugin declares some: its own first, then each environment’s.',
      args: { platform: t.arg.string({ required: true, description: 'Platform key, e.g. s3.' }) },
      resolve: async (_root, args, ctx) => {
        entryOf(args.platform);
        const all = await namedSettingsOf(ctx).of(args.platform);
        return [...all].map(([environment, values]) => ({
          platform: args.platform,
          environment: environment === NO_ENVIRONMENT ? null : environment,
          values: { ...values },
        }));
      },
    }),
  }));
  builder.mutationFields((t) => ({
    configurePlatformSettings: t.field({
      type: Settings,
      description:
        'Stores the named settings of a platform, or of one environment for platforms with environments (they replace what was stored). Validated by the plugin’s `namedSettings` schema. Role: admin.',
      authScopes: { role: 'admin' },
      args: {
        platform: t.arg.string({ required: true, description: 'Platform key, e.g. s3.' }),
        environment: t.arg.string({ description: 'e.g. dev; omit for the platform’s own.' }),
        values: t.arg({ type: 'JSONObject', required: true }),
      },
      resolve: async (_root, args, ctx) => {
        const { plugin, view } = entryOf(args.platform);
        const environment = args.environment ?? null;
        const issues = [];
        if (environment !== null) {
          const problem =
            view.hasEnvironments === false
              ? `Platform ${view.platform} has no environments: omit environment`
              : environment.trim() === ''
                ? 'Must not be empty'
                : textProblem(environment, IDENTIFIER_MAX_LENGTH);
          if (problem) issues.push({ path: ['environment'], field: [], message: problem });
        }
        const schema = (plugin.namedSettings as z.ZodObject).strict();
        const parsed = schema.safeParse(args.values);
        if (!parsed.success) issues.push(...zodIssues(['values'], parsed.error));
        if (!parsed.success || issues.length > 0)
          throw badUserInput(`Invalid settings of platform ${view.platform}`, issues);
        const values = parsed.data as Record<string, unknown>;
        await namedSettingsOf(ctx).set(view.platform, environment ?? NO_ENVIRONMENT, values);
        return { platform: view.platform, environment, values };
      },
    }),
  }));
}
