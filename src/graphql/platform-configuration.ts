import { type PlatformSetting, platformSettingsSchema } from '../catalog/platform-settings.js';
import type { PluginView } from '../catalog/plugin-view.js';
import type { StoredPlatformSettings } from '../store/platform-settings-store.js';
import { zodIssues } from '../validation/issues.js';
import type { Builder } from './builder.js';
import { badUserInput } from './errors.js';
import { addOneOfByPlatform, memberOf } from './one-of-input.js';

interface ConfigurationShape {
  view: PluginView;
  stored: StoredPlatformSettings | null;
}

interface SettingShape {
  setting: PlatformSetting;
  options: readonly string[];
}

function addTypes(builder: Builder) {
  const Setting = builder.objectRef<SettingShape>('PlatformSetting').implement({
    description:
      'An option list an operator maintains, offered by the form fields that take options from it.',
    fields: (t) => ({
      name: t.string({ description: 'e.g. databases', resolve: ({ setting }) => setting.name }),
      description: t.string({ resolve: ({ setting }) => setting.description }),
      fields: t.stringList({
        description: 'The config fields it supplies options to.',
        resolve: ({ setting }) => setting.fields,
      }),
      options: t.stringList({
        description: 'Empty until configured.',
        resolve: ({ options }) => [...options],
      }),
    }),
  });
  return builder.objectRef<ConfigurationShape>('PlatformConfiguration').implement({
    description: 'The settings of one platform, which fill the options of its plugin’s form.',
    fields: (t) => ({
      platform: t.string({
        description: 'Platform key, e.g. glue.',
        resolve: ({ view }) => view.platform,
      }),
      plugin: t.string({ resolve: ({ view }) => view.name }),
      configured: t.boolean({
        description: 'Settings have been stored for this platform.',
        resolve: ({ stored }) => stored !== null,
      }),
      settings: t.field({
        type: [Setting],
        resolve: ({ view, stored }) =>
          view.settings.map((setting) => ({
            setting,
            options: stored?.settings[setting.name] ?? [],
          })),
      }),
      updatedAt: t.field({
        type: 'DateTime',
        nullable: true,
        resolve: ({ stored }) => stored?.updatedAt ?? null,
      }),
    }),
  });
}

/** `platformConfigurations` and `configurePlatform`, for operators. */
export function addPlatformConfiguration(builder: Builder, views: readonly PluginView[]): void {
  const Configuration = addTypes(builder);
  builder.queryFields((t) => ({
    platformConfigurations: t.field({
      type: [Configuration],
      description: 'The settings of every enabled plugin’s platform, configured or not.',
      resolve: async (_root, _args, ctx) => {
        const snapshot = await ctx.platformSettings.current();
        return views.map((view) => ({ view, stored: snapshot.get(view.platform) ?? null }));
      },
    }),
  }));

  const configurable = views.filter((view) => view.settings.length > 0);
  const members = configurable.map((view) => {
    const type = `${view.name}SettingsInput`;
    builder.inputType(type, {
      description: `The option lists of platform ${view.platform}; each replaces what was stored.`,
      fields: (t) =>
        Object.fromEntries(
          view.settings.map((setting) => [
            setting.name,
            t.stringList({ required: true, description: setting.description }),
          ]),
        ),
    });
    return {
      view,
      type,
      description: `Settings of platform ${view.platform} (plugin ${view.name}).`,
    };
  });
  const Input = addOneOfByPlatform(
    builder,
    'PlatformConfigurationInput',
    'Settings of exactly one platform, named by its key.',
    members,
  );
  if (!Input) return;
  const schemaOf = new Map(
    configurable.map((view) => [
      view.platform,
      { view, schema: platformSettingsSchema(view.settings) },
    ]),
  );
  builder.mutationFields((t) => ({
    configurePlatform: t.field({
      type: Configuration,
      description:
        'Stores the settings of one platform; its form offers the new options at once. Role: admin.',
      authScopes: { role: 'admin' },
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: async (_root, args, ctx) => {
        const { key, input } = memberOf(args.input);
        const target = schemaOf.get(key);
        if (!target) throw new Error(`PlatformConfigurationInput has no platform ${key}.`);
        const parsed = target.schema.safeParse(input);
        if (!parsed.success)
          throw badUserInput(
            `Invalid settings of platform ${key}`,
            zodIssues(['input', key], parsed.error),
          );
        const stored = await ctx.platformSettings.set(key, parsed.data as Record<string, string[]>);
        return { view: target.view, stored };
      },
    }),
  }));
}
