import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadDotEnv, pluginSelection } from '../config.js';
import { checkMigrationDrift, type DriftReport } from '../db/drift.js';
import { MigrationError } from '../db/migrate.js';
import { displayPath, paths } from '../paths.js';
import { loadInternalPlugins } from '../registry/load-module.js';
import { loadRegistry, type PluginRegistry } from '../registry/registry.js';
import { buildState, staleFiles } from './build-state.js';
import { driftMessage, type PluginMigrationNames } from './drift-message.js';

// `npm run migration:check`: replays the whole prisma/migrations history on an in-memory
// database with Prisma's engine and proves it yields exactly prisma/schema.prisma. CI runs it.

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function pluginMigrationNames(enabled: PluginRegistry): Promise<PluginMigrationNames> {
  const internal = await loadInternalPlugins(paths.internalPlugins);
  const folderOf = (migration: string) => path.basename(migration);
  return {
    enabled: new Set(enabled.list().map(({ plugin }) => folderOf(plugin.migration))),
    known: new Map(
      [...internal, ...enabled.list()].map(({ plugin }) => [
        folderOf(plugin.migration),
        plugin.name,
      ]),
    ),
  };
}

// Plugins are loaded only to explain a drift, so a clean check does not depend on them.
async function explainDrift(report: DriftReport): Promise<string> {
  const registry = await loadRegistry({ ...pluginSelection(loadConfig()) });
  return driftMessage(report, {
    migrationsDir: displayPath(paths.migrations),
    schemaFile: displayPath(paths.mergedSchema),
    plugins: await pluginMigrationNames(registry),
    staleFiles: staleFiles(buildState(registry)),
  });
}

try {
  loadDotEnv();
  if (!existsSync(paths.mergedSchema))
    fail(`${displayPath(paths.mergedSchema)} does not exist: run \`npm run schema:build\` first.`);
  const report = await checkMigrationDrift({
    migrationsDir: paths.migrations,
    schema: readFileSync(paths.mergedSchema, 'utf8'),
  });
  if (report.drift) fail(await explainDrift(report));
  console.log(
    `No migration drift: the ${report.migrationNames.length} migration(s) in ${displayPath(paths.migrations)}, applied to an empty ` +
      `in-memory database, produce exactly ${displayPath(paths.mergedSchema)} (${(report.elapsedMs / 1000).toFixed(1)} s).`,
  );
} catch (error) {
  if (error instanceof MigrationError) fail(`Migration check failed: ${error.message}`);
  fail(error instanceof Error ? error.message : String(error));
}
