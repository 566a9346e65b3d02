import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { ConfigCheck } from './check.js';
import { CONTRACT_VERSION, PLUGIN_BRAND, type PluginStamp } from './contract.js';
import type {
  ConsoleUrlContext,
  ConsoleUrlResult,
  NamedSettingsSchema,
  ParentTile,
  RenderedString,
  TechnicalInfoSpec,
} from './presentation.js';

/**
 * Platform metadata the portal UI shows (tiles, form header, result box).
 *
 * @public
 */
export interface PlatformMetadata {
  /** Stable key of the platform, e.g. `glue`; also the plugin's field in `@oneOf` inputs. */
  key: string;
  displayName: string;
  /** Icon file name the frontend resolves, e.g. `glue-logo.svg`. */
  iconName: string;
  /** Groups the plugin under a parent tile (e.g. `aws`). Set from `parentTile` when omitted. */
  parentPlatform?: string;
  /**
   * The parent tile itself, with its label and icon (e.g. the SDK's `aws`). Plugins naming the same
   * parent must agree on it; a parent no plugin declares is shown as its key in capitals with
   * icon `<key>-logo.svg`. Since contract 1.4.
   */
  parentTile?: ParentTile;
  /** Name of the thing a configuration points at, e.g. `Schema`. */
  detailedName: string;
  resultLabel: string;
  resultTooltip: string;
  /** Defaults to true. */
  hasEnvironments?: boolean;
  /** Defaults to true. */
  showInForm?: boolean;
}

/**
 * The configuration schema: a Zod object whose keys are the GraphQL input fields in form order,
 * optionally piped into a transform that applies the platform's save rules.
 *
 * @public
 */
export type ConfigSchema = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodTransform>;

/** @public */
export interface PluginSpec<C extends ConfigSchema = ConfigSchema> {
  /** Unique plugin name; also its Prisma model and GraphQL object type, e.g. `GlueDataOutput`. */
  name: string;
  /** Semver version of the plugin. */
  version: string;
  /** One sentence; the description of the plugin's GraphQL types. */
  description: string;
  platform: PlatformMetadata;
  config: C;
  /** The plugin's Prisma model fragment (a `.prisma` file holding one model named after the plugin). */
  prismaFragment: URL | string;
  /**
   * The folder of the plugin's migrations: one subfolder `<timestamp>_<name>/` with a
   * `migration.sql` each, applied in name order. The first creates the plugin's table, later ones
   * change it; `npm run migration:create -- --plugin <Name> <change>` writes the next one. Give
   * either this or `migration`.
   */
  migrations?: URL | string;
  /**
   * The one migration folder (`<timestamp>_<name>/migration.sql`) that creates the plugin's
   * table, as contract 1.0 and 1.1 declared it. Still accepted; declare `migrations`, the folder
   * holding it, to add migrations later.
   */
  migration?: URL | string;
  /**
   * Checks beyond the Zod schema, with the same error shape. The host already checks that every
   * `optionsFrom` field holds one of the platform's configured options.
   */
  check?: ConfigCheck<z.output<C>>;
  /**
   * How the configuration's resulting access path renders ("Resulting table" in the form and on
   * asset cards), from its stored fields. Since contract 1.4.
   */
  resultString?: RenderedString;
  /**
   * Platform settings besides the option lists (account ids, URLs, ARNs): a Zod object of optional
   * fields. Operators store them per platform and, with `hasEnvironments`, per environment.
   * Since contract 1.4.
   */
  namedSettings?: NamedSettingsSchema;
  /** A link to the platform's console for a configuration, or why there is none. Since contract 1.4. */
  // Method syntax: a plugin for one config still fits where any plugin is expected.
  consoleUrl?(context: ConsoleUrlContext<z.output<C>>): ConsoleUrlResult;
  /**
   * The configuration's technical information in each environment the platform has settings for
   * (platforms with `hasEnvironments`). Since contract 1.4.
   */
  technicalInfo?: TechnicalInfoSpec;
}

/**
 * A plugin as the host sees it: the spec with file locations resolved to absolute paths. The
 * object `definePlugin` returns also carries the SDK's stamp, by which the host recognises it.
 *
 * @public
 */
export interface DataOutputPlugin<C extends ConfigSchema = ConfigSchema>
  extends Readonly<
    Omit<PluginSpec<C>, 'prismaFragment' | 'migrations' | 'migration' | 'consoleUrl'>
  > {
  readonly prismaFragment: string;
  consoleUrl?(context: ConsoleUrlContext<z.output<C>>): ConsoleUrlResult;
  /** The folder of the plugin's migrations, when it declares one. */
  readonly migrations?: string;
  /** The plugin's one migration folder, when it declares that instead. */
  readonly migration?: string;
}

function toPath(location: URL | string): string {
  return location instanceof URL ? fileURLToPath(location) : location;
}

/**
 * Defines a data output plugin. The host checks the result when it registers the plugin.
 *
 * @public
 */
export function definePlugin<C extends ConfigSchema>(spec: PluginSpec<C>): DataOutputPlugin<C> {
  const stamp: PluginStamp = Object.freeze({ contractVersion: CONTRACT_VERSION });
  const { migrations, migration, ...rest } = spec;
  return Object.freeze({
    ...rest,
    platform: Object.freeze({
      ...spec.platform,
      ...(spec.platform.parentTile && spec.platform.parentPlatform === undefined
        ? { parentPlatform: spec.platform.parentTile.key }
        : {}),
    }),
    prismaFragment: toPath(spec.prismaFragment),
    ...(migrations === undefined ? {} : { migrations: toPath(migrations) }),
    ...(migration === undefined ? {} : { migration: toPath(migration) }),
    [PLUGIN_BRAND]: stamp,
  });
}
