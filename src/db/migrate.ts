import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type {
  DiagnoseMigrationHistoryOutput,
  MigrationList,
  SchemaFilter,
} from '@prisma/schema-engine-wasm';
import { readMigrationsDir } from './migrations-dir.js';
import { type SchemaEngineHandle, withSchemaEngine } from './schema-engine.js';

export interface MigrateOptions {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Folder of `<timestamp>_<name>/migration.sql` (+ `migration_lock.toml`). */
  migrationsDir: string;
  log?: (message: string) => void;
  /** Tables and enums managed outside Prisma, as `tables.external` / `enums.external` in prisma.config.ts. */
  filters?: SchemaFilter;
}

export interface ApplyMigrationsOptions extends MigrateOptions {
  /**
   * Accept migrations recorded in the database that are missing from the folder, as
   * `prisma migrate deploy` does. Off by default: that usually means an older build or the wrong folder.
   */
  allowUnknownApplied?: boolean;
  /**
   * Applied migrations that may be missing from the folder: those of a plugin this build does not
   * have, which another instance on the same database runs (a rolling upgrade). Any other
   * migration missing from the folder is still refused.
   */
  absentPluginMigrations?: ReadonlySet<string>;
}

/** The engine's `diagnoseMigrationHistory` output plus the name lists it implies. */
export interface MigrationDiagnosis extends DiagnoseMigrationHistoryOutput {
  /** In the folder, not applied yet; `applyPendingMigrations` would apply these, in this order. */
  pendingMigrationNames: string[];
  /** Applied according to `_prisma_migrations`, but absent from the folder. */
  unknownAppliedMigrationNames: string[];
  /** Folders without a readable `migration.sql`. */
  unreadableMigrationNames: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    /** The migrations at fault (failed, edited, unknown or unreadable). */
    readonly migrationNames: string[],
    /** Applied by this call before it failed; they stay applied. */
    readonly appliedMigrationNames: string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };
const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

async function diagnose(
  handle: SchemaEngineHandle,
  list: MigrationList,
  filters: SchemaFilter,
): Promise<MigrationDiagnosis> {
  // No shadow database: like `prisma migrate status`, this only compares the folder with `_prisma_migrations`.
  const output = await handle.engine
    .diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters })
    .catch((error: unknown) => Promise.reject(handle.explain(error)));
  const inFolder = new Set(list.migrationDirectories.map((dir) => dir.path));
  const { history } = output;
  // The engine reports names after the point where the histories diverge; some of them may be
  // in both, so turn them into exact sets.
  const unapplied =
    history && history.diagnostic !== 'migrationsDirectoryIsBehind'
      ? history.unappliedMigrationNames
      : [];
  const unpersisted =
    history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [];
  return {
    ...output,
    pendingMigrationNames: unapplied.filter((name) => !unpersisted.includes(name)),
    unknownAppliedMigrationNames: unpersisted.filter((name) => !inFolder.has(name)),
    unreadableMigrationNames: list.migrationDirectories
      .filter((dir) => dir.migrationFile.content.tag === 'error')
      .map((dir) => dir.path),
  };
}

function historyProblems(
  diagnosis: MigrationDiagnosis,
  migrationsDir: string,
  allowUnknownApplied: boolean,
  absentPluginMigrations: ReadonlySet<string>,
) {
  const problems: Array<[names: string[], explanation: string]> = [
    [
      diagnosis.failedMigrationNames,
      'failed earlier and is recorded as failed in _prisma_migrations; repair the database, then mark it rolled back or applied (what `prisma migrate resolve` does)',
    ],
    [
      diagnosis.editedMigrationNames,
      'was changed after it was applied (its checksum differs from _prisma_migrations); restore the applied version',
    ],
    [
      allowUnknownApplied
        ? []
        : diagnosis.unknownAppliedMigrationNames.filter(
            (name) => !absentPluginMigrations.has(name),
          ),
      `is applied in the database but missing from ${migrationsDir}`,
    ],
    [diagnosis.unreadableMigrationNames, 'has no readable migration.sql'],
  ];
  return problems.filter(([names]) => names.length > 0);
}

/** What the engine knows about the folder versus `_prisma_migrations` (as `prisma migrate status`). */
export async function diagnoseMigrations(options: MigrateOptions): Promise<MigrationDiagnosis> {
  const list = await readMigrationsDir(options.migrationsDir);
  return withSchemaEngine(options.adapterFactory, (handle) =>
    diagnose(handle, list, options.filters ?? NO_FILTERS),
  );
}

// Engine errors end with a span trace ("   0: sql_schema_connector::…"); keep the message above it.
function engineSummary(error: Error): string {
  const [head = error.message] = error.message.split(/\n\s+0: /);
  return head.replace(/^external connector error\n/, '').trim();
}

/**
 * Applies the folder's pending migrations with the engine's `applyMigrations` (what
 * `prisma migrate deploy` runs, so `_prisma_migrations` is written the same way) and returns
 * their names. Stricter than deploy: refuses to run when a migration failed before, was edited
 * after being applied, is unreadable, or (unless allowed) is applied but missing from the folder.
 */
export async function applyPendingMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const { migrationsDir, log = () => {}, filters = NO_FILTERS } = options;
  const list = await readMigrationsDir(migrationsDir);

  return withSchemaEngine(options.adapterFactory, async (handle) => {
    const before = await diagnose(handle, list, filters);
    const problems = historyProblems(
      before,
      migrationsDir,
      options.allowUnknownApplied ?? false,
      options.absentPluginMigrations ?? new Set(),
    );
    if (problems.length > 0) {
      const lines = problems.map(([names, explanation]) => `- ${quoted(names)}: ${explanation}`);
      throw new MigrationError(
        `Migration history is inconsistent, nothing was applied:\n${lines.join('\n')}`,
        problems.flatMap(([names]) => names),
      );
    }
    if (before.pendingMigrationNames.length > 0) {
      log(
        `applying ${before.pendingMigrationNames.length} migration(s): ${before.pendingMigrationNames.join(', ')}`,
      );
    }

    try {
      // Called even with nothing pending, as deploy does: it creates `_prisma_migrations`.
      const { appliedMigrationNames } = await handle.engine.applyMigrations({
        migrationsList: list,
        filters,
      });
      for (const name of appliedMigrationNames) log(`applied migration ${name}`);
      return appliedMigrationNames;
    } catch (error) {
      const cause = handle.explain(error);
      const after = await diagnose(handle, list, filters).catch(() => undefined);
      const failed = after?.failedMigrationNames ?? [];
      const stillPending = after?.pendingMigrationNames ?? before.pendingMigrationNames;
      const applied = before.pendingMigrationNames.filter(
        (name) => !stillPending.includes(name) && !failed.includes(name),
      );
      const what =
        failed.length > 0 ? `Migration ${quoted(failed)} failed` : 'Applying migrations failed';
      const kept = applied.length > 0 ? ` (applied before it and kept: ${applied.join(', ')})` : '';
      throw new MigrationError(`${what}${kept}: ${engineSummary(cause)}`, failed, applied, {
        cause,
      });
    }
  });
}
