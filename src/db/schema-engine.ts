import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { migrationSafeFactory } from './migration-adapters.js';
import {
  engineStarted,
  engineStopped,
  lastPanicMessage,
  loadSchemaEngineModule,
} from './wasm-engine.js';

export type { SchemaEngine };
export { loadSchemaEngineModule };

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

function parseLogLine(line: string): EngineLogEntry {
  try {
    const parsed: unknown = JSON.parse(line);
    if (
      parsed &&
      typeof parsed === 'object' &&
      'fields' in parsed &&
      parsed.fields &&
      typeof parsed.fields === 'object'
    ) {
      const { message, ...fields } = parsed.fields as Record<string, unknown>;
      const level = 'level' in parsed && typeof parsed.level === 'string' ? parsed.level : 'INFO';
      return { level, message: typeof message === 'string' ? message : '', fields };
    }
  } catch {
    // not JSON: pass the line through as is
  }
  return { level: 'INFO', message: line.trim(), fields: {} };
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
  engineStarted();
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
    return new Error(
      `schema engine panicked: ${lastPanicMessage() ?? error.message}; restart the process`,
      { cause: error },
    );
  }
  if (!(error instanceof Error)) return new Error(String(error));
  const id = /External error id#(\d+)/.exec(error.message)?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (original === undefined) return error;
  const detail = original instanceof Error ? original.message : String(original);
  return new Error(`${error.message.trim()}: ${detail}`, { cause: original });
}

/** Runs `fn` with a fresh engine on `adapterFactory` and always disposes it. */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (handle: SchemaEngineHandle) => Promise<T>,
  options: SchemaEngineOptions = {},
): Promise<T> {
  const handle = await createSchemaEngine(adapterFactory, options);
  try {
    return await fn(handle);
  } finally {
    await handle.dispose();
  }
}
