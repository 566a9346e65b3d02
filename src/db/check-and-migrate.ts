import type { Logger } from '../http/logger.js';
import { paths } from '../paths.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { Database } from './connect.js';
import {
  APPLIED_MIGRATIONS_SQL,
  type AppliedMigrationRow,
  historyIsApplied,
} from './history-applied.js';
import { applyPendingMigrations } from './migrate.js';
import {
  absentPluginMigrations,
  checkPluginVersions,
  recordedPluginMigrations,
  recordPackageMigrations,
} from './plugin-versions.js';

/**
 * Start-up's database work, run one instance at a time (`Database.startupExclusive`): plugin
 * versions against the database, then its migrations. Migrations of a plugin this build lacks are
 * accepted (another instance runs it); any other drift still stops start-up.
 */
export async function checkAndMigrate(db: Database, registry: PluginRegistry, logger: Logger) {
  // Before migrating: a build older than the database lacks the newer plugin migrations, and
  // this names the plugin rather than the migrations. After: the history may hold copies of
  // migrations of a newer version of an enabled plugin.
  const recordedBefore = await recordedPluginMigrations(db.prisma);
  checkPluginVersions(registry, recordedBefore);
  const absent = absentPluginMigrations(registry, recordedBefore);
  for (const [plugin, names] of absent)
    logger.warn(
      `The database has migrations of plugin ${plugin}, which this instance does not have (${names.join(', ')}): ` +
        'another instance on this database runs it. Its configurations are not served here; updates and deletes of them are refused.',
    );
  // The engine starts only when the history may need it (a third of a second otherwise); a
  // migration of an absent plugin is one the folder lacks, so it always goes to the engine.
  const upToDate = await historyIsApplied(
    () => db.prisma.$queryRawUnsafe<AppliedMigrationRow[]>(APPLIED_MIGRATIONS_SQL),
    paths.migrations,
  );
  // applyPendingMigrations logs each migration it applies.
  const applied = upToDate
    ? []
    : await applyPendingMigrations({
        adapterFactory: db.adapterFactory,
        migrationsDir: paths.migrations,
        log: (m) => logger.info(m),
        absentPluginMigrations: new Set([...absent.values()].flat()),
      });
  if (applied.length === 0) logger.info('Database schema is up to date');
  const recorded = await recordPackageMigrations(db.prisma, registry);
  if (recorded.length > 0)
    logger.info(`Recorded the plugin of migration(s) ${recorded.join(', ')} in plugin_migrations`);
  // Start-up holds the lock, so the records change only by what this start applied or recorded.
  if (applied.length > 0 || recorded.length > 0)
    checkPluginVersions(registry, await recordedPluginMigrations(db.prisma));
}
