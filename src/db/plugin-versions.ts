import { pluginMigrations } from '@data-product-portal/plugin-sdk';
import semver from 'semver';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { LoadedPlugin } from '../registry/load-module.js';
import type { PluginRegistry } from '../registry/registry.js';

/** A plugin migration the database applied, as its own SQL recorded it in `plugin_migrations`. */
export interface RecordedMigration {
  migrationName: string;
  plugin: string;
  pluginVersion: string;
  appliedAt: Date;
}

/** An enabled plugin that lacks migrations the database applied for it: it is older than the database. */
export interface OlderPlugin {
  loaded: LoadedPlugin;
  /** The newest plugin version among the migrations it lacks. */
  databaseVersion: string;
  missing: RecordedMigration[];
}

/** Enabled plugins older than the database; start-up stops, naming each with both versions and the fix. */
export class PluginOlderThanDatabaseError extends Error {
  override name = 'PluginOlderThanDatabaseError';
  constructor(readonly plugins: readonly OlderPlugin[]) {
    super(plugins.map(describe).join('\n\n'));
  }
}

function newest(versions: readonly string[]): string {
  const valid = versions.filter((v) => semver.valid(v) !== null);
  return semver.rsort(valid)[0] ?? versions[0] ?? 'unknown';
}

function describe({ loaded, databaseVersion, missing }: OlderPlugin): string {
  const { plugin, source, package: pkg } = loaded;
  const names = missing.map(
    (m) =>
      `${m.migrationName} (${m.plugin} ${m.pluginVersion}, applied ${m.appliedAt.toISOString()})`,
  );
  const install = pkg
    ? `install ${plugin.name} ${databaseVersion} or later (\`npm install ${pkg.name}@${databaseVersion}\`)`
    : `run a build of the service whose ${plugin.name} is at ${databaseVersion} or later`;
  const without = pkg
    ? `uninstall it or add ${pkg.name} to EXCLUDED_PLUGIN_PACKAGES`
    : 'leave it out of ENABLED_PLUGINS';
  return [
    `Plugin ${plugin.name} ${plugin.version} (${source}) is older than the database: ${plugin.name} ${databaseVersion} migrated it.`,
    `The database applied ${missing.length === 1 ? 'a migration' : 'migrations'} of ${plugin.name} that version ${plugin.version} does not have: ${names.join(', ')}.`,
    `Fix: ${install}, run \`npm run schema:build\` and start again. To run without the plugin instead, ${without} (its configurations stay in the database). ` +
      `Version ${plugin.version} runs again only on a database restored from before ${databaseVersion} was installed.`,
  ].join('\n');
}

/** The plugin migrations recorded in the database; none when its `plugin_migrations` table does not exist yet. */
export async function recordedPluginMigrations(prisma: PrismaClient): Promise<RecordedMigration[]> {
  const [table] = await prisma.$queryRaw<Array<{ present: boolean }>>`
    SELECT to_regclass('plugin_migrations') IS NOT NULL AS present`;
  if (!table?.present) return [];
  return prisma.pluginMigration.findMany({ orderBy: { migrationName: 'asc' } });
}

/**
 * The enabled plugins older than the database: each lacks migrations the database recorded for
 * it. A plugin that is not enabled is no concern here: its rows simply stay out of the API.
 */
export function olderPlugins(
  registry: PluginRegistry,
  recorded: readonly RecordedMigration[],
): OlderPlugin[] {
  return registry.list().flatMap((loaded) => {
    const known = new Set(pluginMigrations(loaded.plugin).map((m) => m.name));
    const missing = recorded.filter(
      (m) => m.plugin === loaded.plugin.name && !known.has(m.migrationName),
    );
    if (missing.length === 0) return [];
    return [{ loaded, databaseVersion: newest(missing.map((m) => m.pluginVersion)), missing }];
  });
}

/** Throws a PluginOlderThanDatabaseError when an enabled plugin is older than the database. */
export function checkPluginVersions(
  registry: PluginRegistry,
  recorded: readonly RecordedMigration[],
): void {
  const older = olderPlugins(registry, recorded);
  if (older.length > 0) throw new PluginOlderThanDatabaseError(older);
}

/**
 * Migrations the database recorded for plugins this build does not have (by plugin name): another
 * instance on the same database runs them, e.g. a newer release during a rolling upgrade. Their
 * configurations stay out of this instance's API.
 */
export function absentPluginMigrations(
  registry: PluginRegistry,
  recorded: readonly RecordedMigration[],
): Map<string, string[]> {
  const absent = new Map<string, string[]>();
  for (const migration of recorded) {
    if (registry.get(migration.plugin)) continue;
    absent.set(migration.plugin, [
      ...(absent.get(migration.plugin) ?? []),
      migration.migrationName,
    ]);
  }
  return absent;
}

/**
 * Records the applied migrations of the enabled plugin packages that `plugin_migrations` lacks:
 * those written before plugin migrations recorded themselves (e.g. a 1.0 release's). Another
 * build on the same database, without the package, then knows whose they are. The version such a
 * migration came with is not known, only that it is at most the running one: recorded as
 * `<=1.1.0`, a semver range. Returns the names recorded.
 */
export async function recordPackageMigrations(
  prisma: PrismaClient,
  registry: PluginRegistry,
): Promise<string[]> {
  const recorded: string[] = [];
  for (const { plugin, package: pkg } of registry.list()) {
    // An internal plugin's migrations are in every build's folder.
    if (!pkg) continue;
    const names = pluginMigrations(plugin).map((m) => m.name);
    if (names.length === 0) continue;
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
      INSERT INTO plugin_migrations (migration_name, plugin, plugin_version)
      SELECT migration_name, ${plugin.name}, ${`<=${plugin.version}`} FROM _prisma_migrations
      WHERE migration_name = ANY(${names}::text[]) AND finished_at IS NOT NULL AND rolled_back_at IS NULL
      ON CONFLICT (migration_name) DO NOTHING
      RETURNING migration_name`;
    recorded.push(...rows.map((row) => row.migration_name));
  }
  return recorded;
}
