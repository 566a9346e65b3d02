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

/** A stored configuration: the plugin row's columns, with its base row under `base`. */
export type ConfigRow = { id: string; base: BaseRow } & Record<string, unknown>;

export type ConfigValues = Record<string, unknown>;

export interface Page {
  rows: ConfigRow[];
  hasNextPage: boolean;
}

// The core knows plugin tables only at run time, so relation names are dynamic here and the
// Prisma argument types are asserted at these few places.
function includeOf(tables: readonly PluginTable[]): Prisma.DataOutputConfigurationInclude {
  return Object.fromEntries(
    tables.map((t) => [t.relation, true]),
  ) as Prisma.DataOutputConfigurationInclude;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

/**
 * Data output configurations in class-table inheritance: one base row and one plugin row, always
 * written together (Prisma nested writes run in one transaction) and read together (one query per
 * table, whatever the number of rows).
 */
export class DataOutputStore {
  readonly #byPlugin: ReadonlyMap<string, PluginTable>;

  constructor(
    private readonly prisma: PrismaClient,
    tables: readonly PluginTable[],
  ) {
    this.#byPlugin = new Map(tables.map((t) => [t.plugin, t]));
  }

  /** The configuration, if it exists and belongs to one of the given plugins. */
  async find(id: string, plugins: readonly string[]): Promise<ConfigRow | null> {
    const row = await this.prisma.dataOutputConfiguration.findFirst({
      where: { id, plugin: { in: [...plugins] } },
      include: includeOf(this.#tables(plugins)),
    });
    return row ? this.#toConfigRow(row) : null;
  }

  /** The base row alone, whatever its plugin. */
  findBase(id: string): Promise<BaseRow | null> {
    return this.prisma.dataOutputConfiguration.findUnique({ where: { id } });
  }

  /** Newest first; `first` rows after `after`. */
  async list(plugins: readonly string[], first: number, after: Position | null): Promise<Page> {
    const rows = await this.prisma.dataOutputConfiguration.findMany({
      where: {
        plugin: { in: [...plugins] },
        ...(after
          ? {
              OR: [
                { createdAt: { lt: after.createdAt } },
                { createdAt: after.createdAt, id: { lt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: first + 1,
      include: includeOf(this.#tables(plugins)),
    });
    return {
      rows: rows.slice(0, first).map((row) => this.#toConfigRow(row)),
      hasNextPage: rows.length > first,
    };
  }

  count(plugins: readonly string[]): Promise<number> {
    return this.prisma.dataOutputConfiguration.count({ where: { plugin: { in: [...plugins] } } });
  }

  async create(plugin: string, values: ConfigValues): Promise<ConfigRow> {
    const table = this.#table(plugin);
    const row = await this.prisma.dataOutputConfiguration.create({
      data: {
        plugin,
        [table.relation]: { create: values },
      } as Prisma.DataOutputConfigurationCreateInput,
      include: includeOf([table]),
    });
    return this.#toConfigRow(row);
  }

  /** Replaces the plugin row's values; null when no configuration of that plugin has the id. */
  async update(id: string, plugin: string, values: ConfigValues): Promise<ConfigRow | null> {
    const table = this.#table(plugin);
    try {
      const row = await this.prisma.dataOutputConfiguration.update({
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
      return this.#toConfigRow(row);
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

  #toConfigRow(row: BaseRow): ConfigRow {
    const { id, plugin, createdAt, updatedAt } = row;
    const columns = (row as BaseRow & Record<string, unknown>)[this.#table(plugin).relation];
    if (typeof columns !== 'object' || columns === null) {
      // Writes are atomic, so this means the table was changed outside the service.
      throw new Error(
        `Data output configuration ${id} has no row in the table of plugin ${plugin}.`,
      );
    }
    return { ...(columns as ConfigValues), id, base: { id, plugin, createdAt, updatedAt } };
  }
}
