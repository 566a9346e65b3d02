import type { MigrationList } from '@prisma/schema-engine-wasm';
import { readMigrationsDir } from '../../src/db/migrations-dir.js';
import { diffHistoryToDatamodel, type HistoryDiffOptions } from './history-diff.js';

export interface DriftOptions extends HistoryDiffOptions {
  /** Folder of `<timestamp>_<name>/migration.sql` (+ `migration_lock.toml`). */
  migrationsDir: string;
  /** The full Prisma schema the history must produce, e.g. the text of prisma/schema.prisma. */
  schema: string;
}

/** A table or enum type the history creates and the schema lacks: the drift SQL drops it. */
export interface ExtraObject {
  kind: 'table' | 'type';
  name: string;
  /** The first migration folder whose script creates it, if one does by that exact name. */
  createdBy?: string;
}

export interface DriftReport {
  /** The migrations replayed, in order. */
  migrationNames: string[];
  drift: boolean;
  /** Prisma's SQL from the history's end state to the schema (its "empty migration" comment when none). */
  script: string;
  extraObjects: ExtraObject[];
  elapsedMs: number;
}

const DROPPED = /^DROP (TABLE|TYPE) (?:"[^"]+"\.)?"([^"]+)";/gm;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function creatorOf(
  list: MigrationList,
  kind: ExtraObject['kind'],
  name: string,
): string | undefined {
  const creates = new RegExp(
    `CREATE ${kind.toUpperCase()} (?:IF NOT EXISTS )?(?:"[^"]+"\\.)?"${escapeRegExp(name)}"`,
  );
  return list.migrationDirectories.find(
    ({ migrationFile: { content } }) => content.tag === 'ok' && creates.test(content.value),
  )?.path;
}

// Reading Prisma's SQL back is only for the hint about where extra objects come from; the
// verdict itself is the engine's.
function extraObjects(script: string, list: MigrationList): ExtraObject[] {
  return [...script.matchAll(DROPPED)].map(([, keyword = '', name = '']) => {
    const kind: ExtraObject['kind'] = keyword === 'TABLE' ? 'table' : 'type';
    const createdBy = creatorOf(list, kind, name);
    return createdBy === undefined ? { kind, name } : { kind, name, createdBy };
  });
}

/**
 * Replays the whole migration history on an empty in-memory database with Prisma's engine and
 * diffs the result against `schema`: no drift means deploying the history yields exactly the
 * schema. A migration that does not apply rejects with a MigrationError naming it.
 */
export async function checkMigrationDrift(options: DriftOptions): Promise<DriftReport> {
  const started = performance.now();
  const list = await readMigrationsDir(options.migrationsDir);
  const { script, changed } = await diffHistoryToDatamodel(list, options.schema, options);
  return {
    migrationNames: list.migrationDirectories.map((dir) => dir.path),
    drift: changed,
    script,
    extraObjects: changed ? extraObjects(script, list) : [],
    elapsedMs: Math.round(performance.now() - started),
  };
}
