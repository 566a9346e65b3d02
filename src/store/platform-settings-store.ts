import type { PlatformSettings } from '@data-product-portal/plugin-sdk';
import { storedSettingsSchema } from '../catalog/platform-settings.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/**
 * The channel every instance LISTENs on; a settings write NOTIFYs it in its own transaction, so
 * the notification goes out when (and only if) the write commits. The payload is the platform key.
 */
export const SETTINGS_CHANNEL = 'platform_settings_changed';

export interface StoredPlatformSettings {
  platform: string;
  settings: PlatformSettings;
  updatedAt: Date;
}

export type PlatformSettingsSnapshot = ReadonlyMap<string, StoredPlatformSettings>;

/**
 * Platform settings, read from the database and kept in memory. Every change made through this
 * store is seen at once. Another instance sharing the database NOTIFYs its changes: the listener
 * calls `invalidate`, and the next read fetches the rows again. `maxAgeMs` bounds the age of the
 * copy all the same, for a notification lost in a way the listener cannot tell. `generation`
 * changes whenever the snapshot does, so anything derived from it (form options, cached results)
 * knows when to recompute.
 *
 * Writes of data output configurations do not rely on this copy: `inTransaction` reads the
 * settings they are checked against in the write's own transaction.
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
  #invalidations = 0;

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

  /** The copy is out of date (a NOTIFY, or notifications possibly missed): the next read re-reads. */
  invalidate(): void {
    this.#invalidations += 1;
    this.#fetchedAt = Number.NEGATIVE_INFINITY;
  }

  /**
   * The settings of one platform as stored now, read in the transaction `tx` and kept from
   * changing (FOR SHARE) until it ends: a write checked against them is stored only if they still
   * hold when it commits. A concurrent `set` of that platform waits for the transaction.
   */
  async inTransaction(
    tx: Prisma.TransactionClient,
    platform: string,
  ): Promise<StoredPlatformSettings | null> {
    const [row] = await tx.$queryRaw<Array<{ settings: unknown; updated_at: Date }>>`
      SELECT settings, updated_at FROM platform_configurations WHERE platform = ${platform} FOR SHARE`;
    if (!row) return null;
    const parsed = storedSettingsSchema.safeParse(row.settings);
    if (!parsed.success) {
      this.#ignoring(platform, parsed.error.message);
      return null;
    }
    return { platform, settings: parsed.data, updatedAt: row.updated_at };
  }

  /** Replaces the settings of one platform and tells every instance (see SETTINGS_CHANNEL). */
  async set(platform: string, settings: PlatformSettings): Promise<StoredPlatformSettings> {
    const [row] = await this.prisma.$transaction([
      this.prisma.platformConfiguration.upsert({
        where: { platform },
        create: { platform, settings },
        update: { settings },
      }),
      this.prisma.$executeRaw`SELECT pg_notify(${SETTINGS_CHANNEL}, ${platform})`,
    ]);
    const stored = { platform: row.platform, settings, updatedAt: row.updatedAt };
    this.#writes += 1;
    this.#replace(new Map([...this.#snapshot, [platform, stored]]));
    return stored;
  }

  async #reload(): Promise<PlatformSettingsSnapshot> {
    const startedAt = performance.now();
    const writes = this.#writes;
    let invalidations = this.#invalidations;
    let rows: Awaited<ReturnType<typeof this.prisma.platformConfiguration.findMany>>;
    try {
      rows = await this.#read();
      // A change was notified while reading: the rows may predate it. Read once more; should
      // changes keep coming, the copy stays marked stale and the next request reads again.
      if (invalidations !== this.#invalidations) {
        invalidations = this.#invalidations;
        rows = await this.#read();
      }
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
      else this.#ignoring(row.platform, parsed.error.message);
    }
    // A write landed while reading: the rows may predate it, so keep the snapshot (which has it)
    // and read again next time.
    if (writes !== this.#writes) return this.#snapshot;
    if (invalidations === this.#invalidations) this.#fetchedAt = startedAt;
    this.#loaded = true;
    this.#replace(next);
    return this.#snapshot;
  }

  #read() {
    return this.prisma.platformConfiguration.findMany({ orderBy: { platform: 'asc' } });
  }

  #ignoring(platform: string, problem: string): void {
    this.warn(
      `Ignoring the stored settings of platform ${platform}: not a map of option lists (${problem})`,
    );
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
