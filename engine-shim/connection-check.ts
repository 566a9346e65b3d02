import pg from 'pg';
import { EngineError, stringField } from './engine-error.js';
import type { PostgresTarget } from './postgres-url.js';

// The wasm engine reports a failed connection as plain text without a code, so the shim opens a
// connection itself, with the same driver (`pg`) and URL the engine's adapter uses, and names
// the problem with the code the native engine would give.

/** `error`, thrown while connecting to `target`, as the native engine reports it. */
export function connectionError(error: unknown, target: PostgresTarget): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  // Errors the server sent carry a SQLSTATE and a severity; anything else failed on the way there.
  if (stringField(error, 'severity') === undefined) {
    return new EngineError(
      `Can't reach database server at \`${target.location}\`\n\nPlease make sure your database server is running at \`${target.location}\`. (${message})`,
      'P1001',
    );
  }
  const sqlState = stringField(error, 'code') ?? '';
  if (sqlState === '3D000') {
    return new EngineError(
      `Database \`${target.database}\` does not exist on the database server at \`${target.location}\`.`,
      'P1003',
    );
  }
  if (sqlState.startsWith('28')) {
    return new EngineError(
      `Authentication failed against database server at \`${target.location}\`, the provided database credentials for \`${target.user}\` are not valid: ${message}`,
      'P1000',
    );
  }
  return new EngineError(
    `Cannot connect to database \`${target.database}\` at \`${target.location}\`: ${message}`,
  );
}

/** Connects once to `target`; `undefined` when that works, else the problem as the CLI expects it. */
export async function connectionProblem(target: PostgresTarget): Promise<EngineError | undefined> {
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return connectionError(error, target);
  } finally {
    await client.end().catch(() => {});
  }
}
