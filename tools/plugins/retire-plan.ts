import { readFileSync } from 'node:fs';
import { loadEnv, pluginSelection } from '../../src/env.js';
import { displayPath, paths, projectRoot } from '../../src/paths.js';
import {
  type LoadedPlugin,
  loadInternalPlugins,
  loadPackagePlugin,
} from '../../src/registry/load-module.js';
import { inspectPlugins, type PluginRegistry } from '../../src/registry/registry.js';
import { CommandFailure } from '../command.js';
import { diffDatamodels } from '../migrations/diff.js';
import { checkMigrationDrift, type DriftReport } from '../migrations/drift.js';
import { readBaseSchema } from '../schema-build/check-fragments.js';
import { checkFragment } from '../schema-build/fragment.js';
import { fragmentOf, fragmentsOf } from '../schema-build/fragments-of.js';
import { mergeSchema } from '../schema-build/merge.js';

/** How a plugin that is no longer enabled leaves the database: its table, and Prisma's SQL to drop it. */
export interface RetirePlan {
  pluginName: string;
  table: string;
  /** Where the table is known from, for the message. */
  knownFrom: string;
  /** Prisma's SQL dropping the table (and its foreign key). */
  dropSql: string;
  /** Tables the history has that no enabled plugin owns, besides this one. */
  otherLeftovers: string[];
}

/** The plugin's definition, if it can still be loaded: an internal plugin, or an excluded package. */
async function definitionOf(name: string): Promise<LoadedPlugin | undefined> {
  const internal = await loadInternalPlugins(paths.internalPlugins);
  const found = internal.find((loaded) => loaded.plugin.name === name);
  if (found) return found;
  const { excluded } = await inspectPlugins({
    ...pluginSelection(loadEnv()),
    projectDir: projectRoot,
  });
  for (const pkg of excluded) {
    const loaded = await loadPackagePlugin(pkg, projectRoot);
    if (loaded.plugin.name === name) return loaded;
  }
  return undefined;
}

function tableOf(loaded: LoadedPlugin): string {
  const model = checkFragment(readBaseSchema(), fragmentOf(loaded.plugin));
  return model.dbName ?? model.name;
}

const statements = (sql: string) =>
  sql
    .split(';')
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);

/**
 * Works out what retiring `name` drops. The plugin must not be enabled, prisma/schema.prisma must
 * be built, and the migration history must create a table the schema lacks: the plugin's (known
 * from its definition when it can still be loaded, else the only such table).
 */
export async function retirePlan(name: string, enabled: PluginRegistry): Promise<RetirePlan> {
  const drift: DriftReport = await checkMigrationDrift({
    migrationsDir: paths.migrations,
    schema: readFileSync(paths.mergedSchema, 'utf8'),
  });
  const tables = drift.extraObjects.filter((o) => o.kind === 'table');
  const leftovers = tables.map((o) => o.name);
  const definition = await definitionOf(name);
  const history = displayPath(paths.migrations);
  if (definition) {
    const table = tableOf(definition);
    if (!leftovers.includes(table)) {
      throw new CommandFailure(
        `The migrations in ${history} do not create table ${table} of plugin ${name}: there is nothing to retire.`,
      );
    }
    const base = readBaseSchema();
    const others = fragmentsOf(enabled);
    const dropSql = await diffDatamodels(
      mergeSchema(base, [...others, fragmentOf(definition.plugin)]),
      mergeSchema(base, others),
    );
    return {
      pluginName: name,
      table,
      knownFrom: `its Prisma fragment ${displayPath(definition.plugin.prismaFragment)} (${definition.source})`,
      dropSql,
      otherLeftovers: leftovers.filter((t) => t !== table),
    };
  }
  const [table, ...more] = leftovers;
  if (table === undefined || more.length > 0) {
    const found = leftovers.length === 0 ? 'none' : leftovers.join(', ');
    throw new CommandFailure(
      `Plugin ${name} is neither an internal plugin nor an installed package, so its table is known only if it is the one table ` +
        `the migrations in ${history} create and prisma/schema.prisma lacks (found: ${found}). ` +
        `Install its package again, add it to EXCLUDED_PLUGIN_PACKAGES and run \`npm run schema:build\`, then run this again.`,
    );
  }
  const foreign = statements(drift.script).filter((s) => !s.includes(`"${table}"`));
  if (foreign.length > 0) {
    throw new CommandFailure(
      `The migrations in ${history} differ from prisma/schema.prisma in more than table ${table}:\n${foreign.join(';\n')};\n` +
        'Run `npm run migration:check` and resolve that first.',
    );
  }
  return {
    pluginName: name,
    table,
    knownFrom: `the migration history: the one table no enabled plugin owns (created by ${tables[0]?.createdBy ?? 'an unknown migration'})`,
    dropSql: drift.script,
    otherLeftovers: [],
  };
}
