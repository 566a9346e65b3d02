import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

// Driver adapter factories as the wasm schema engine needs them: fixed where the published
// adapters break migrations, and one with no database for offline diffs.

function postgresError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const field = (name: string): string | undefined => {
    const value: unknown = Reflect.get(error, name);
    return typeof value === 'string' ? value : undefined;
  };
  const code = field('code');
  const severity = field('severity');
  if (code === undefined || severity === undefined) return error;
  // Mapped like the adapters map query errors, so the engine (and `_prisma_migrations.logs`)
  // get the database's message instead of an opaque "External error".
  return new DriverAdapterError({
    kind: 'postgres',
    code,
    severity,
    message: error.message,
    detail: field('detail'),
    column: field('column'),
    hint: field('hint'),
  });
}

function withScriptRunner(
  adapter: SqlDriverAdapter,
  run: (script: string) => Promise<unknown>,
  afterDispose?: () => Promise<void>,
): SqlDriverAdapter {
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    ...(getConnectionInfo ? { getConnectionInfo } : {}),
    executeScript: async (script) => {
      await run(script).catch((error: unknown) => Promise.reject(postgresError(error)));
    },
    dispose: async () => {
      await adapter.dispose();
      await afterDispose?.();
    },
  };
}

const hasExec = (value: unknown): value is Pick<PGlite, 'exec'> =>
  typeof value === 'object' && value !== null && typeof Reflect.get(value, 'exec') === 'function';

// `@prisma/adapter-pg` 7.10 splits a script on ";" and runs the pieces one by one on any pooled
// connection: not atomic, and wrong for ";" inside literals or function bodies.
// `pglite-prisma-adapter` 0.7.2 doesn't await `exec`, so a failing migration is recorded as
// applied. Send the script as one simple-protocol query instead, as Prisma's native engine
// does: Postgres runs it in one implicit transaction.
export function migrationSafeFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  const { provider, adapterName } = factory;
  if (factory instanceof PrismaPg) {
    return {
      provider,
      adapterName,
      connect: async () => {
        const adapter = await factory.connect();
        const pool = adapter.underlyingDriver();
        return withScriptRunner(adapter, (script) => pool.query(script));
      },
      // PrismaPg's shadow database is unsafe: with a `connectionString` config, pg ignores the
      // shadow database name and the engine would work on the main database.
      connectToShadowDb: () =>
        Promise.reject(new Error('shadow databases are not supported with @prisma/adapter-pg')),
    };
  }
  if (factory instanceof PrismaPGlite) {
    const db: unknown = Reflect.get(factory, 'client');
    if (!hasExec(db))
      throw new Error('pglite-prisma-adapter changed shape: cannot reach its PGlite instance');
    return {
      provider,
      adapterName,
      connect: async () => withScriptRunner(await factory.connect(), (script) => db.exec(script)),
      connectToShadowDb: () => pgliteShadowDatabase(),
    };
  }
  return factory;
}

// Every schema a migration could have created; PGlite has no other databases to drop instead.
const USER_SCHEMAS = `SELECT nspname AS name FROM pg_namespace
  WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'`;

/**
 * A shadow database for the engine (where it replays a migration history): a fresh in-memory
 * PGlite closed on dispose, or `reuse`, emptied first and left open. The wasm engine replays
 * into whatever it is given without resetting it, unlike the native engine with a shadow URL.
 */
export async function pgliteShadowDatabase(reuse?: PGlite): Promise<SqlDriverAdapter> {
  const db = reuse ?? (await PGlite.create());
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
