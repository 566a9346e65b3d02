import { PrismaPg } from '@prisma/adapter-pg';
import { createSchemaEngine, type SchemaEngineHandle } from '../src/db/schema-engine.js';
import { connectionProblem } from './connection-check.js';
import type { PostgresTarget } from './postgres-url.js';
import { type ServeOutcome, serveJsonRpc } from './rpc-server.js';
import { forwardEngineLog } from './stderr-log.js';

async function startEngine(target: PostgresTarget): Promise<SchemaEngineHandle> {
  try {
    // `@prisma/adapter-pg` on the URL as is, as the service connects (src/db/connect.ts), so the
    // CLI and the service see the same database and `_prisma_migrations`.
    return await createSchemaEngine(new PrismaPg({ connectionString: target.url }), {
      log: forwardEngineLog,
    });
  } catch (error) {
    // The engine's connection errors carry no Prisma code (P1001, P1003, ...); a plain
    // connection finds it.
    throw (await connectionProblem(target)) ?? error;
  }
}

/**
 * Serves the CLI's JSON-RPC requests on stdin with a wasm engine on `target` until stdin closes
 * (or the engine panics), then closes the engine's connections.
 */
export async function runRpcServer(target: PostgresTarget): Promise<ServeOutcome> {
  // Started at once (the CLI sends its first request right after spawning the engine); a failed
  // start is reported to each request, as the native engine reports a failed connection.
  const engine = startEngine(target);
  engine.catch(() => {});
  const outcome = await serveJsonRpc(engine);
  // After a panic the wasm instance is unusable; the process is about to exit anyway.
  if (outcome === 'closed') {
    await engine.then(
      (handle) => handle.dispose(),
      () => {},
    );
  }
  return outcome;
}
