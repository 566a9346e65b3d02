import type { PlatformSettings } from '@data-product-portal/plugin-sdk';
import { storedSettingsSchema } from '../catalog/platform-settings.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface StoredPlatformSettings {
  platform: string;
  settings: PlatformSettings;
  updatedAt: Date;
}

export type PlatformSettingsSnapshot = ReadonlyMap<string, StoredPlatformSettings>;

/**
 * Platform settings, read from the database and kept in memory. Every change made through this
 * store is seen at once; changes made by another instance sharing the database are picked up
 * within `maxAgeMs`. `generation` changes whenever the snapshot does, so anything derived from
 * it (form options, cached results) knows when to recompute.
 *
 * While the database cannot be read, the last copy read keeps serving (plugins and forms answer
 * as before); each failed re-read is logged and the next is tried `maxAgeMs` later.
 */
export class PlatformSettingsStore {
  #snapshot: PlatformSettingsSnapshot = new Map();
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<PlatformSettingsSnapshot> | null = null;
  #generation = 0;
  #writes = 0;
  #loaded = false;
  #failures = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly maxAgeMs: number,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  get generation(): number {
    return this.#generation;
  }

  /** The settings of every configured platform, re-read when older than `maxAgeMs`. */
  current(): Promise<PlatformSettingsSnapshot> {
    if (performance.now() - this.#fetchedAt < this.maxAgeMs) return Promise.resolve(this.#snapshot);
    this.#loading ??= this.#reload().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async get(platform: string): Promise<StoredPlatformSettings | null> {
    return (await this.current()).get(platform) ?? null;
  }

  /** Replaces the settings of one platform. */
  async set(platform: string, settings: PlatformSettings): Promise<StoredPlatformSettings> {
    const row = await this.prisma.platformConfiguration.upsert({
      where: { platform },
      create: { platform, settings },
      update: { settings },
    });
    const stored = { platform: row.platform, settings, updatedAt: row.updatedAt };
    this.#writes += 1;
    this.#replace(new Map([...this.#snapshot, [platform, stored]]));
    return stored;
  }

  async #reload(): Promise<PlatformSettingsSnapshot> {
    const startedAt = performance.now();
    const writes = this.#writes;
    let rows: Awaited<ReturnType<typeof this.prisma.platformConfiguration.findMany>>;
    try {
      rows = await this.prisma.platformConfiguration.findMany({ orderBy: { platform: 'asc' } });
    } catch (error) {
      // Nothing read yet (start-up) has no copy to fall back on.
      if (!this.#loaded) throw error;
      this.#failures += 1;
      this.#fetchedAt = startedAt;
      this.warn(
        `Cannot re-read the platform settings (${error instanceof Error ? error.message.trim().split('\n').pop() : String(error)}); ` +
          `serving the copy read before (failure ${this.#failures}; next try in ${this.maxAgeMs / 1000} s)`,
      );
      return this.#snapshot;
    }
    if (this.#failures > 0) {
      this.warn(`Read the platform settings again after ${this.#failures} failed tries`);
      this.#failures = 0;
    }
    const next = new Map<string, StoredPlatformSettings>();
    for (const row of rows) {
      const parsed = storedSettingsSchema.safeParse(row.settings);
      if (parsed.success)
        next.set(row.platform, {
          platform: row.platform,
          settings: parsed.data,
          updatedAt: row.updatedAt,
        });
      else
        this.warn(
          `Ignoring the stored settings of platform ${row.platform}: not a map of option lists (${parsed.error.message})`,
        );
    }
    // A write landed while reading: the rows may predate it, so keep the snapshot (which has it)
    // and read again next time.
    if (writes !== this.#writes) return this.#snapshot;
    this.#fetchedAt = startedAt;
    this.#loaded = true;
    this.#replace(next);
    return this.#snapshot;
  }

  #replace(next: PlatformSettingsSnapshot): void {
    if (fingerprint(next) !== fingerprint(this.#snapshot)) this.#generation += 1;
    this.#snapshot = next;
  }
}

function fingerprint(snapshot: PlatformSettingsSnapshot): string {
  return JSON.stringify(
    [...snapshot.values()].map((s) => [s.platform, s.settings, s.updatedAt.getTime()]),
  );
}
