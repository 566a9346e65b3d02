import {
  type DataOutputConfiguration,
  Prisma,
  type PrismaClient,
} from '../generated/prisma/client.js';
import type { Position } from './cursor.js';

/** A plugin's table as the store sees it: the plugin name and its relation field on the base row. */
export interface PluginTable {
  plugin: string;
  /** The plugin's platform key, which names the relation field the schema build adds to the base model. */
  relation: string;
}

export type BaseRow = DataOutputConfiguration;

/**
 * A stored configuration: the plugin row's columns, with its base row under `base`.
 * `missingPluginRow` marks a base row whose plugin row is gone (the tables were changed outside
 * the service): only a delete returns one.
 */
export type ConfigRow = { id: string; base: BaseRow; missingPluginRow?: true } & Record<
  string,
  unknown
>;

/** Base rows without their plugin row: how many, and the first few ids. */
export interface Orphans {
  count: number;
  ids: string[];
}

export type ConfigValues = Record<string, unknown>;

/** The data product a configuration belongs to, stored on its base row. */
export interface OwnerValues {
  ownerId: string;
  ownerNamespace: string;
  ownerSourceAligned: boolean;
}

export interface Page {
  rows: ConfigRow[];
  hasNextPage: boolean;
}

// The core knows plugin tables only at run time, so relation names are dynamic here and the
// Prisma argument types are asserted at these few places.
/**
 * The plugin rows to load: all columns of the plugins in `read` (by default all), the id alone of
 * the others (enough to tell a whole configuration from an orphan base row).
 */
function includeOf(
  tables: readonly PluginTable[],
  read?: ReadonlySet<string>,
): Prisma.DataOutputConfigurationInclude {
  return Object.fromEntries(
    tables.map((t) => [t.relation, !read || read.has(t.plugin) ? true : { select: { id: true } }]),
  ) as Prisma.DataOutputConfigurationInclude;
}

/** Rows after a position in the list's order (newest first by createdAt, then id). */
function olderThan(position: Position): Prisma.DataOutputConfigurationWhereInput {
  return {
    OR: [
      { createdAt: { lt: position.createdAt } },
      { createdAt: position.createdAt, id: { lt: position.id } },
    ],
  };
}

/** What the two-INSERT create needs of a plugin model's Prisma delegate. */
interface CreateDelegate {
  create(args: { data: ConfigValues }): Promise<ConfigValues>;
}

/** The client's delegate of a plugin's model (named as the plugin: `glueDataOutput` for GlueDataOutput). */
function delegateOf(tx: Prisma.TransactionClient, model: string): CreateDelegate {
  const name = `${model.charAt(0).toLowerCase()}${model.slice(1)}`;
  const delegate = (tx as unknown as Record<string, CreateDelegate | undefined>)[name];
  if (!delegate)
    throw new Error(`The Prisma client has no model ${model}: run npm run schema:build.`);
  return delegate;
}

/** The base row's own columns, without the included plugin rows. */
function baseOf(row: BaseRow): BaseRow {
  const { id, plugin, createdAt, updatedAt, ownerId, ownerNamespace, ownerSourceAligned } = row;
  return { id, plugin, createdAt, updatedAt, ownerId, ownerNamespace, ownerSourceAligned };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

/**
 * Data output configurations in class-table inheritance: one base row and one plugin row, always
 * written together (in one transaction) and read together (one statement
 * joining the plugin tables, whatever the number of rows).
 *
 * A base row without its plugin row can only come from outside the service (a manual DELETE, a
 * partial restore). Lists skip it and read on, so pages stay full and `count` agrees with them; a
 * read by id logs it and finds nothing; a delete removes it and returns what was stored.
 *
 * A list filters by plugin and order only, and tells orphans from the plugin rows it loads: a
 * filter joining every plugin table lets PostgreSQL without statistics (PGlite never gathers any)
 * hash-join whole tables for each page, so a page's cost grew with the table.
 */
export class DataOutputStore {
  readonly #byPlugin: ReadonlyMap<string, PluginTable>;

  constructor(
    private readonly prisma: PrismaClient,
    tables: readonly PluginTable[],
    private readonly warn: (message: string) => void = () => {},
  ) {
    this.#byPlugin = new Map(tables.map((t) => [t.plugin, t]));
  }

  /** The configuration, if it exists, belongs to one of the given plugins and is whole. */
  async find(id: string, plugins: readonly string[]): Promise<ConfigRow | null> {
    const row = await this.prisma.dataOutputConfiguration.findFirst({
      where: { id, plugin: { in: [...plugins] } },
      include: includeOf(this.#tables(plugins)),
    });
    if (!row) return null;
    const config = this.#toConfigRow(row);
    if (!config.missingPluginRow) return config;
    this.warn(`${this.#describeOrphan(config)}; reads skip it`);
    return null;
  }

  /** The base row alone, whatever its plugin. */
  findBase(id: string): Promise<BaseRow | null> {
    return this.prisma.dataOutputConfiguration.findUnique({ where: { id } });
  }

  /**
   * Newest first; `first` rows after `after`; only the product `ownerId`'s when given. One SQL
   * statement (Prisma's relation joins). Only the plugin rows of `read` are loaded (default: all);
   * the page's other rows carry their base row alone, for a selection that reads no column of
   * theirs. Every listed row is whole either way: the filter checks each plugin row exists.
   */
  async list(
    plugins: readonly string[],
    first: number,
    after: Position | null,
    { ownerId, read = plugins }: { ownerId?: string; read?: readonly string[] } = {},
  ): Promise<Page> {
    const reads = new Set(read);
    const include = includeOf(this.#tables(plugins), reads);
    // One more whole row than asked for tells whether a next page exists.
    const whole: ConfigRow[] = [];
    let position = after;
    for (;;) {
      const wanted = first + 1 - whole.length;
      const rows = await this.prisma.dataOutputConfiguration.findMany({
        where: {
          AND: [
            { plugin: { in: [...plugins] } },
            ownerId === undefined ? {} : { ownerId },
            position ? olderThan(position) : {},
          ],
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: wanted,
        include,
      });
      for (const row of rows) {
        const config = this.#toConfigRow(row);
        if (config.missingPluginRow) continue;
        whole.push(reads.has(row.plugin) ? config : { id: row.id, base: config.base });
      }
      const last = rows.at(-1);
      // Only orphans (rare: the tables were changed outside the service) cost another statement.
      if (rows.length < wanted || whole.length > first || !last) break;
      position = { createdAt: last.createdAt, id: last.id };
    }
    return { rows: whole.slice(0, first), hasNextPage: whole.length > first };
  }

  /** How many whole configurations the plugins have: what a list of them shows, on all pages. */
  count(plugins: readonly string[], ownerId?: string): Promise<number> {
    return this.prisma.dataOutputConfiguration.count({
      where:
        ownerId === undefined ? this.#whole(plugins) : { AND: [this.#whole(plugins), { ownerId }] },
    });
  }

  /** Base rows of these plugins without their plugin row (for the start-up log). */
  async orphans(plugins: readonly string[], shown = 10): Promise<Orphans> {
    const where = {
      OR: this.#tables(plugins).map((t) => ({ plugin: t.plugin, [t.relation]: { is: null } })),
    } as Prisma.DataOutputConfigurationWhereInput;
    const [count, rows] = await Promise.all([
      this.prisma.dataOutputConfiguration.count({ where }),
      this.prisma.dataOutputConfiguration.findMany({
        where,
        select: { id: true },
        orderBy: { createdAt: 'asc' },
        take: shown,
      }),
    ]);
    return { count, ids: rows.map((row) => row.id) };
  }

  /**
   * Stores a configuration, with its owner when given; in the transaction `tx` when given (see
   * `update`). Two INSERTs returning their rows, rather than Prisma's nested create, which reads
   * both rows back in a third statement.
   */
  async create(
    plugin: string,
    values: ConfigValues,
    owner?: OwnerValues,
    tx: Prisma.TransactionClient = this.prisma,
  ): Promise<ConfigRow> {
    this.#table(plugin);
    const base = await tx.dataOutputConfiguration.create({ data: { plugin, ...owner } });
    const columns = await delegateOf(tx, plugin).create({ data: { ...values, id: base.id } });
    return { ...columns, id: base.id, base: baseOf(base) };
  }

  /**
   * Replaces the plugin row's values; null when no configuration of that plugin has the id. With
   * `tx`, the write joins that transaction (whose reads its values were checked against).
   */
  async update(
    id: string,
    plugin: string,
    values: ConfigValues,
    tx: Prisma.TransactionClient = this.prisma,
  ): Promise<ConfigRow | null> {
    const table = this.#table(plugin);
    try {
      const row = await tx.dataOutputConfiguration.update({
        where: { id, plugin },
        data: {
          updatedAt: new Date(),
          [table.relation]: { update: values },
        } as Prisma.DataOutputConfigurationUpdateInput,
        include: includeOf([table]),
      });
      return this.#toConfigRow(row);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Deletes the base row (the plugin row goes with it: ON DELETE CASCADE) and returns what was stored. */
  async delete(id: string, plugins: readonly string[]): Promise<ConfigRow | null> {
    try {
      const row = await this.prisma.dataOutputConfiguration.delete({
        where: { id, plugin: { in: [...plugins] } },
        include: includeOf(this.#tables(plugins)),
      });
      const config = this.#toConfigRow(row);
      if (config.missingPluginRow) this.warn(`${this.#describeOrphan(config)}; deleted`);
      return config;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  #table(plugin: string): PluginTable {
    const table = this.#byPlugin.get(plugin);
    if (!table) throw new Error(`No table is known for plugin ${plugin}.`);
    return table;
  }

  #tables(plugins: readonly string[]): PluginTable[] {
    return plugins.map((plugin) => this.#table(plugin));
  }

  /** Base rows of these plugins whose plugin row exists. */
  #whole(plugins: readonly string[]): Prisma.DataOutputConfigurationWhereInput {
    return {
      OR: this.#tables(plugins).map((t) => ({ plugin: t.plugin, [t.relation]: { isNot: null } })),
    } as Prisma.DataOutputConfigurationWhereInput;
  }

  #describeOrphan(row: ConfigRow): string {
    return (
      `Data output configuration ${row.id} (plugin ${row.base.plugin}) has no row in its plugin's table: ` +
      'the tables were changed outside the service'
    );
  }

  #toConfigRow(row: BaseRow): ConfigRow {
    const { id, plugin } = row;
    const base = baseOf(row);
    const columns = (row as BaseRow & Record<string, unknown>)[this.#table(plugin).relation];
    // Writes are atomic, so a missing plugin row was removed outside the service.
    if (typeof columns !== 'object' || columns === null)
      return { id, base, missingPluginRow: true };
    return { ...(columns as ConfigValues), id, base };
  }
}
