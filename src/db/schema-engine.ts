import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export type { SchemaEngine };
type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

export interface EngineLogEntry {
  level: string;
  message: string;
  /** Everything else the engine attached, e.g. `script` while applying a migration. */
  fields: Record<string, unknown>;
}
export interface SchemaEngineOptions {
  log?: (entry: EngineLogEntry) => void;
}

/** One engine bound to one database; call `dispose` when done (engines are not safe to share concurrently). */
export interface SchemaEngineHandle {
  readonly engine: SchemaEngine;
  /** Turns an engine rejection into an Error with the JS error or panic message behind it, if any. */
  explain(error: unknown): Error;
  dispose(): Promise<void>;
}

// The engine's panic hook reports through this global; without it a panic surfaces only as
// "RuntimeError: unreachable". Another wasm module of Prisma's may have installed one already.
const PANIC_REGISTRY = 'PRISMA_WASM_PANIC_REGISTRY';
let lastPanic: string | undefined;
function installPanicRegistry(): void {
  if (Reflect.get(globalThis, PANIC_REGISTRY) !== undefined) return;
  Reflect.set(globalThis, PANIC_REGISTRY, { set_message: (message: string) => void (lastPanic = message) });
}

// The engine bounds some waits (e.g. for its advisory lock) with `setTimeout` and never clears
// the timer, which keeps Node alive for 10 s after a migration. Clear leftovers once no engine lives.
const engineTimers = new Set<unknown>();
let liveEngines = 0;
function withTrackedTimers(glue: EngineModule): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    imports[name] = (...args: unknown[]): unknown => {
      const timer: unknown = Reflect.apply(value, undefined, args);
      engineTimers.add(timer);
      return timer;
    };
  }
  return imports;
}
function engineStopped(): void {
  if (--liveEngines > 0) return;
  for (const timer of engineTimers) Reflect.apply(clearTimeout, undefined, [timer]);
  engineTimers.clear();
}

let modulePromise: Promise<EngineModule> | undefined;

/** Instantiates the wasm engine once per process. The package entry imports `.wasm` directly, which Node can't without flags. */
export function loadSchemaEngineModule(): Promise<EngineModule> {
  modulePromise ??= (async () => {
    installPanicRegistry();
    const glue: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withTrackedTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports['__wbindgen_start'];
    if (typeof start !== 'function') throw new Error('schema engine wasm has no __wbindgen_start export');
    start();
    return glue;
  })();
  // A failed load (e.g. missing file) should not poison later attempts.
  modulePromise.catch(() => (modulePromise = undefined));
  return modulePromise;
}

function parseLogLine(line: string): EngineLogEntry {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object' && 'fields' in parsed && parsed.fields && typeof parsed.fields === 'object') {
      const { message, ...fields } = parsed.fields as Record<string, unknown>;
      const level = 'level' in parsed && typeof parsed.level === 'string' ? parsed.level : 'INFO';
      return { level, message: typeof message === 'string' ? message : '', fields };
    }
  } catch {
    // not JSON: pass the line through as is
  }
  return { level: 'INFO', message: line.trim(), fields: {} };
}

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
function migrationSafeFactory(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
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
      connectToShadowDb: () => Promise.reject(new Error('shadow databases are not supported with @prisma/adapter-pg')),
    };
  }
  if (factory instanceof PrismaPGlite) {
    const db: unknown = Reflect.get(factory, 'client');
    if (!hasExec(db)) throw new Error('pglite-prisma-adapter changed shape: cannot reach its PGlite instance');
    return {
      provider,
      adapterName,
      connect: async () => withScriptRunner(await factory.connect(), (script) => db.exec(script)),
      connectToShadowDb: async () => {
        const shadow = await PGlite.create();
        const adapter = await new PrismaPGlite(shadow).connect();
        return withScriptRunner(adapter, (script) => shadow.exec(script), () => shadow.close());
      },
    };
  }
  return factory;
}

/**
 * Starts an engine on `adapterFactory` (see `migrationSafeFactory` for what is changed about
 * `@prisma/adapter-pg` and `pglite-prisma-adapter`).
 */
export async function createSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options: SchemaEngineOptions = {},
): Promise<SchemaEngineHandle> {
  const glue = await loadSchemaEngineModule();
  const safe = migrationSafeFactory(adapterFactory);
  // The engine never disposes the connection it opens, so track it to close pools ourselves.
  const opened: SqlDriverAdapter[] = [];
  const bound = bindMigrationAwareSqlAdapterFactory({
    provider: safe.provider,
    adapterName: safe.adapterName,
    connect: async () => {
      const adapter = await safe.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: () => safe.connectToShadowDb(),
  });
  const closeAdapters = async () => {
    for (const adapter of opened.splice(0)) await adapter.dispose();
  };
  const onLog = (line: string) => options.log?.(parseLogLine(line));

  let engine: SchemaEngine;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: undefined }, onLog, bound);
  } catch (error) {
    await closeAdapters();
    throw explainWith(bound.errorRegistry, error);
  }
  liveEngines++;
  let disposed = false;
  return {
    engine,
    explain: (error) => explainWith(bound.errorRegistry, error),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      engine.free();
      engineStopped();
      await closeAdapters();
    },
  };
}

interface ErrorRegistry {
  consumeError(id: number): { error: unknown } | undefined;
}

// JS errors the adapter threw reach the engine only as "External error id#N"; the original is
// kept in the binding's registry.
function explainWith(registry: ErrorRegistry, error: unknown): Error {
  if (error instanceof WebAssembly.RuntimeError) {
    return new Error(`schema engine panicked: ${lastPanic ?? error.message}; restart the process`, { cause: error });
  }
  if (!(error instanceof Error)) return new Error(String(error));
  const id = /External error id#(\d+)/.exec(error.message)?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (original === undefined) return error;
  const detail = original instanceof Error ? original.message : String(original);
  return new Error(`${error.message.trim()}: ${detail}`, { cause: original });
}

const OFFLINE = 'schema-engine-offline';

// The engine always connects and probes the server version on construction, but diffs between
// datamodels never touch the connection: answer that probe, refuse everything else.
function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
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
    connectToShadowDb: () => refuse('a shadow database'),
  };
}

/** An engine with no database, for diffs between datamodels (`schemaDatamodel` / `empty` targets only). */
export function createOfflineSchemaEngine(options: SchemaEngineOptions = {}): Promise<SchemaEngineHandle> {
  return createSchemaEngine(offlineAdapterFactory(), options);
}

/** Runs `fn` with a fresh engine (`'offline'`: no database) and always disposes it. */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory | 'offline',
  fn: (handle: SchemaEngineHandle) => Promise<T>,
  options: SchemaEngineOptions = {},
): Promise<T> {
  const handle =
    adapterFactory === 'offline'
      ? await createOfflineSchemaEngine(options)
      : await createSchemaEngine(adapterFactory, options);
  try {
    return await fn(handle);
  } finally {
    await handle.dispose();
  }
}
