import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

// Driver adapter factories as the wasm schema engine needs them: fixed where the published
// adapters break migrations. The engine needs no shadow database to apply migrations; the
// tools that replay a history on one bring their own (tools/migrations/offline-adapters.ts).

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

/** The adapter with `executeScript` sent as one simple-protocol query through `run`. */
export function withScriptRunner(
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
      connectToShadowDb: () =>
        Promise.reject(new Error('the service applies migrations without a shadow database')),
    };
  }
  return factory;
}
