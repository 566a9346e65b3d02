import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { DiffTarget, MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm';
import { MigrationError } from '../../src/db/migrate.js';
import { withSchemaEngine } from '../../src/db/schema-engine.js';
import { displayPath } from '../../src/paths.js';
import { offlineAdapterFactory, pgliteShadowDatabase } from './offline-adapters.js';

export interface HistoryDiffOptions {
  /** An in-memory PGlite to replay the history on, emptied first; default a fresh one (seconds to start). */
  shadowDatabase?: PGlite;
  /** Tables and enums managed outside Prisma, as `tables.external` / `enums.external` in prisma.config.ts. */
  filters?: SchemaFilter;
}

export interface HistoryDiff {
  /** Prisma's migration SQL from the history's end state to the datamodel. */
  script: string;
  /** False when the history already produces the datamodel exactly. */
  changed: boolean;
}

// The engine names the folder in its message; the database's reason is in the JS error behind it.
const FAILED_MIGRATION = /Migration `([^`]+)` failed to apply cleanly to the shadow database/;

// The database's message: the JS error behind the engine's, else the engine's own lines between
// its "failed to apply" preamble and its span trace.
function failureReason(error: Error): string {
  if (error.cause instanceof Error) return error.cause.message.trim();
  const [head = ''] = error.message.split(/\n\s+0: /);
  const lines = head
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
  return lines
    .filter((line) => line !== '' && line !== 'Error:' && line !== 'external connector error')
    .join(' ');
}

function historyTarget(list: MigrationList): DiffTarget {
  // The engine refuses a history without migration_lock.toml, which a first migration lacks.
  return list.migrationDirectories.length === 0 ? { tag: 'empty' } : { tag: 'migrations', ...list };
}

/**
 * What `prisma migrate diff --from-migrations --to-schema --script` prints: Prisma's engine
 * replays `list` on an empty in-memory shadow database and diffs the result against `datamodel`
 * (a full Prisma schema). A migration that does not apply rejects with a MigrationError naming it.
 */
export async function diffHistoryToDatamodel(
  list: MigrationList,
  datamodel: string,
  options: HistoryDiffOptions = {},
): Promise<HistoryDiff> {
  const unreadable = list.migrationDirectories.filter(
    (dir) => dir.migrationFile.content.tag === 'error',
  );
  if (unreadable.length > 0) {
    const names = unreadable.map((dir) => dir.path);
    const where = names.map((name) => displayPath(path.join(list.baseDir, name)));
    throw new MigrationError(
      `Migration folder(s) without a readable migration.sql: ${where.join(', ')}. Add the script or delete the folder.`,
      names,
    );
  }
  const factory = offlineAdapterFactory(() => pgliteShadowDatabase(options.shadowDatabase));
  return withSchemaEngine(factory, async (handle) => {
    try {
      const result = await handle.engine.diff({
        from: historyTarget(list),
        to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: datamodel }] },
        script: true,
        // Makes the engine answer 2 for a non-empty diff instead of us parsing its SQL comments.
        exitCode: true,
        filters: options.filters ?? { externalTables: [], externalEnums: [] },
      });
      return { script: result.stdout ?? '', changed: result.exitCode === 2 };
    } catch (error) {
      const explained = handle.explain(error);
      const failed = FAILED_MIGRATION.exec(explained.message)?.[1];
      if (failed === undefined) throw explained;
      throw new MigrationError(
        `Migration ${displayPath(path.join(list.baseDir, failed))} does not apply on top of the migrations before it: ${failureReason(explained)}. ` +
          "Fix its migration.sql (for a copy of a plugin migration: fix the plugin's own and run `npm run schema:build`).",
        [failed],
        [],
        { cause: explained },
      );
    }
  });
}
