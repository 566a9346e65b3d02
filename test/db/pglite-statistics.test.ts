import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepStatistics, type StatisticsUpkeep } from '../../src/db/pglite-statistics.js';
import { waitFor } from '../support/wait-for.js';

// PGlite has no autovacuum: without the upkeep no table is ever analyzed.

async function analyzedTables(pglite: PGlite): Promise<string[]> {
  const result = await pglite.query<{ relname: string }>(
    'SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL ORDER BY relname',
  );
  return result.rows.map((row) => row.relname);
}

describe('planner statistics on PGlite', () => {
  let pglite: PGlite;
  let upkeep: StatisticsUpkeep;
  const errors: unknown[] = [];

  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    await pglite.exec(`
      CREATE TABLE grown (id int PRIMARY KEY, kind text NOT NULL);
      CREATE TABLE barely (id int PRIMARY KEY);
      INSERT INTO grown SELECT g, 'kind' || (g % 4) FROM generate_series(1, 2000) g;
      INSERT INTO barely SELECT g FROM generate_series(1, 10) g;`);
    upkeep = keepStatistics(pglite, { intervalMs: 100, onError: (error) => errors.push(error) });
  });
  afterAll(async () => {
    await upkeep?.stop();
    await pglite?.close();
  });

  it('analyzes a table once enough of it changed, as autovacuum would, and leaves the others', async () => {
    await waitFor(async () => (await analyzedTables(pglite)).includes('grown'), 'the analyze');
    // 10 changed rows are under the threshold of 50.
    expect(await analyzedTables(pglite)).toEqual(['grown']);
    const estimate = await pglite.query<{ reltuples: number }>(
      "SELECT reltuples FROM pg_class WHERE relname = 'grown'",
    );
    expect(estimate.rows[0]?.reltuples).toBe(2000);
    const kinds = await pglite.query<{ n_distinct: number }>(
      "SELECT n_distinct FROM pg_stats WHERE tablename = 'grown' AND attname = 'kind'",
    );
    expect(kinds.rows[0]?.n_distinct).toBe(4);
    expect(errors).toEqual([]);
  });

  it('stops: no check runs after stop, and the database stays usable', async () => {
    await upkeep.stop();
    await pglite.exec('INSERT INTO barely SELECT g FROM generate_series(11, 500) g');
    // Once the changes show, a running upkeep would analyze the table within one interval.
    await waitFor(async () => {
      const changed = await pglite.query<{ n: number }>(
        "SELECT n_mod_since_analyze AS n FROM pg_stat_user_tables WHERE relname = 'barely'",
      );
      return Number(changed.rows[0]?.n) > 50;
    }, 'the changes to be counted');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await analyzedTables(pglite)).toEqual(['grown']);
  });
});
