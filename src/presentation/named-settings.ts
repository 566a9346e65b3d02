import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type SettingValues = Readonly<Record<string, unknown>>;

/** A platform's named settings: its own ("" environment) and each environment's. */
export type PlatformNamedSettings = ReadonlyMap<string, SettingValues>;

/** The platform's own settings key. */
export const NO_ENVIRONMENT = '';

/**
 * Named platform settings (account ids, URLs, ARNs), read once per request: a page of
 * configurations asks for them once per platform, not once per row.
 */
export class NamedSettingsReader {
  readonly #read = new Map<string, Promise<PlatformNamedSettings>>();

  constructor(private readonly prisma: PrismaClient) {}

  of(platform: string): Promise<PlatformNamedSettings> {
    let read = this.#read.get(platform);
    if (!read) {
      read = this.prisma.platformNamedSettings
        .findMany({ where: { platform }, orderBy: { environment: 'asc' } })
        .then((rows) => new Map(rows.map((row) => [row.environment, row.values as SettingValues])));
      this.#read.set(platform, read);
    }
    return read;
  }

  async set(platform: string, environment: string, values: SettingValues) {
    this.#read.delete(platform);
    // Validated by the plugin's Zod schema from a JSON object: JSON again.
    const json = values as Prisma.InputJsonObject;
    return this.prisma.platformNamedSettings.upsert({
      where: { platform_environment: { platform, environment } },
      create: { platform, environment, values: json },
      update: { values: json },
    });
  }
}

const readers = new WeakMap<object, NamedSettingsReader>();

/** The reader of one request (keyed by its context object). */
export function namedSettingsOf(ctx: { prisma: PrismaClient }): NamedSettingsReader {
  let reader = readers.get(ctx);
  if (!reader) {
    reader = new NamedSettingsReader(ctx.prisma);
    readers.set(ctx, reader);
  }
  return reader;
}

/** An environment's settings merged over the platform's own. */
export function settingsFor(all: PlatformNamedSettings, environment: string | null): SettingValues {
  const own = all.get(NO_ENVIRONMENT) ?? {};
  if (environment === null || environment === NO_ENVIRONMENT) return own;
  return { ...own, ...(all.get(environment) ?? {}) };
}

/** The environments the platform has settings for, by name. */
export function environmentsOf(all: PlatformNamedSettings): string[] {
  return [...all.keys()].filter((name) => name !== NO_ENVIRONMENT);
}
