import { existsSync, readFileSync } from 'node:fs';
import { pluginMigrations } from '@data-product-portal/plugin-sdk';
import { MigrationError } from '../../src/db/migrate.js';
import { displayPath, paths } from '../../src/paths.js';
import { type LoadedPlugin, loadInternalPlugins } from '../../src/registry/load-module.js';
import type { PluginRegistry } from '../../src/registry/registry.js';
import { CommandFailure, loadToolRegistry } from '../command.js';
import { buildState, staleFiles } from '../schema-build/build-state.js';
import { checkMigrationDrift, type DriftReport } from './drift.js';
import { driftMessage, type PluginMigrationNames } from './drift-message.js';

async function pluginMigrationNames(enabled: PluginRegistry): Promise<PluginMigrationNames> {
  const internal = await loadInternalPlugins(paths.internalPlugins);
  const names = ({ plugin }: LoadedPlugin) => pluginMigrations(plugin).map((m) => m.name);
  return {
    enabled: new Set(enabled.list().flatMap(names)),
    known: new Map(
      [...internal, ...enabled.list()].flatMap((loaded) =>
        names(loaded).map((name) => [name, loaded.plugin.name] as const),
      ),
    ),
  };
}

// Plugins are loaded only to explain a drift, so a clean check does not depend on them.
async function explainDrift(report: DriftReport): Promise<string> {
  const registry = await loadToolRegistry();
  return driftMessage(report, {
    migrationsDir: displayPath(paths.migrations),
    schemaFile: displayPath(paths.mergedSchema),
    plugins: await pluginMigrationNames(registry),
    staleFiles: staleFiles(buildState(registry)),
  });
}

/**
 * `npm run migration:check`: replays the whole prisma/migrations history on an in-memory database
 * with Prisma's engine and proves it yields exactly prisma/schema.prisma. CI runs it.
 */
export async function migrationCheck(): Promise<undefined> {
  if (!existsSync(paths.mergedSchema)) {
    throw new CommandFailure(
      `${displayPath(paths.mergedSchema)} does not exist: run \`npm run schema:build\` first.`,
    );
  }
  let report: DriftReport;
  try {
    report = await checkMigrationDrift({
      migrationsDir: paths.migrations,
      schema: readFileSync(paths.mergedSchema, 'utf8'),
    });
  } catch (error) {
    if (error instanceof MigrationError)
      throw new CommandFailure(`Migration check failed: ${error.message}`);
    throw error;
  }
  if (report.drift) throw new CommandFailure(await explainDrift(report));
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  console.log(
    `No migration drift: the ${report.migrationNames.length} migration(s) in ${displayPath(paths.migrations)}, ` +
      `applied to an empty in-memory database, produce exactly ${displayPath(paths.mergedSchema)} (${seconds} s).`,
  );
}
