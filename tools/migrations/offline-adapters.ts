import type { PGlite } from '@electric-sql/pglite';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { withScriptRunner } from '../../src/db/migration-adapters.js';
import { createEmptyPglite } from './empty-pglite.js';

// Adapters for the engine when it works on no real database: diffs between datamodels, and
// histories replayed on an in-memory PGlite (what `prisma migrate dev` does on its shadow database).

// Every schema a migration could have created; PGlite has no other databases to drop instead.
const USER_SCHEMAS = `SELECT nspname AS name FROM pg_namespace
  WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'`;

/**
 * A shadow database for the engine (where it replays a migration history): a new in-memory
 * PGlite closed on dispose, or `reuse`, emptied first and left open. The wasm engine replays
 * into whatever it is given without resetting it, unlike the native engine with a shadow URL.
 */
export async function pgliteShadowDatabase(reuse?: PGlite): Promise<SqlDriverAdapter> {
  const db = reuse ?? (await createEmptyPglite());
  if (reuse) {
    const { rows } = await reuse.query<{ name: string }>(USER_SCHEMAS);
    const drops = rows.map(({ name }) => `DROP SCHEMA "${name.replaceAll('"', '""')}" CASCADE;`);
    await reuse.exec(`${drops.join('\n')}\nCREATE SCHEMA public;`);
  }
  const adapter = await new PrismaPGlite(db).connect();
  return withScriptRunner(
    adapter,
    (script) => db.exec(script),
    reuse ? undefined : () => db.close(),
  );
}

const OFFLINE = 'schema-engine-offline';

// The engine always connects and probes the server version on construction, but diffs between
// datamodels never touch the connection: answer that probe, refuse everything else. A diff from
// a migration history replays it on the shadow database, if one is given.
export function offlineAdapterFactory(
  shadowDatabase?: () => Promise<SqlDriverAdapter>,
): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string): Promise<never> =>
    Promise.reject(
      new DriverAdapterError({
        kind: 'postgres',
        code: '08003',
        severity: 'ERROR',
        message: `the offline schema engine has no database (asked for: ${what.slice(0, 120)})`,
        detail: undefined,
        column: undefined,
        hint: undefined,
      }),
    );
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: OFFLINE,
    queryRaw: async (query) => {
      if (!/\bversion\(\)/.test(query.sql)) return refuse(query.sql);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, 'PostgreSQL 15.0 (offline schema engine)', 150000]],
      };
    },
    executeRaw: (query) => refuse(query.sql),
    executeScript: () => refuse('a script'),
    startTransaction: () => refuse('a transaction'),
    dispose: async () => {},
  };
  return {
    provider: 'postgres',
    adapterName: OFFLINE,
    connect: async () => adapter,
    connectToShadowDb: shadowDatabase ?? (() => refuse('a shadow database')),
  };
}
