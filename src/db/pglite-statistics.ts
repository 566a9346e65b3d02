import type { PGlite } from '@electric-sql/pglite';

// PostgreSQL's own autovacuum settings: a table is analyzed once the rows changed since its last
// analyze pass 50 plus 10 % of its rows.
const THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

const DUE = `SELECT quote_ident(schemaname) || '.' || quote_ident(relname) AS "table"
  FROM pg_stat_user_tables
  WHERE n_mod_since_analyze > ${THRESHOLD} + ${SCALE_FACTOR} * greatest(n_live_tup, 0)`;

export interface StatisticsUpkeep {
  /** Stops the checks; resolves once a running one has finished. */
  stop(): Promise<void>;
}

/**
 * PGlite runs PostgreSQL in one process, without the autovacuum worker, so no table ever gets
 * planner statistics: as tables grow, plans stay those made for empty ones. This does the analyze
 * part of autovacuum: every `intervalMs`, it ANALYZEs the tables that changed enough since their
 * last analyze. Queries wait for an open transaction in PGlite, so a check never runs inside one.
 */
export function keepStatistics(
  pglite: PGlite,
  { intervalMs = 15_000, onError }: { intervalMs?: number; onError: (error: unknown) => void },
): StatisticsUpkeep {
  let running: Promise<void> | undefined;
  let stopped = false;
  const check = async () => {
    const due = await pglite.query<{ table: string }>(DUE);
    for (const { table } of due.rows) {
      if (stopped) return;
      await pglite.exec(`ANALYZE ${table}`);
    }
  };
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = check()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  // Statistics are worth having, not worth keeping a process alive for.
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
