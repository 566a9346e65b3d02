import pg from 'pg';
import type { Datasource } from './args.js';
import { UsageError } from './args.js';
import { connectionError, connectionProblem } from './connection-check.js';
import { EngineError, stringField } from './engine-error.js';
import { type PostgresTarget, postgresTarget } from './postgres-url.js';

// The one-shot `schema-engine --datasource <json> cli <command>` runs the CLI makes before
// `migrate status` and `migrate deploy` (and `deploy` creates a missing database with the second).
// They only connect, so they use `pg` directly, the driver under the engine's adapter, and never
// load the wasm engine.

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

// Like the native engine, create the database from the server's `postgres` database, or from
// `template1` where there is none.
async function maintenanceClient(target: PostgresTarget): Promise<pg.Client> {
  let lastError: unknown;
  for (const database of ['postgres', 'template1']) {
    const url = new URL(target.url);
    url.pathname = `/${database}`;
    const client = new pg.Client({
      connectionString: url.toString(),
      connectionTimeoutMillis: 10_000,
    });
    try {
      await client.connect();
      return client;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
    }
  }
  throw connectionError(lastError, target);
}

async function createDatabase(target: PostgresTarget): Promise<string> {
  const client = await maintenanceClient(target);
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`);
  } catch (error) {
    if (stringField(error, 'code') === '42P04') {
      throw new EngineError(
        `Database \`${target.database}\` already exists on the database server at \`${target.location}\``,
        'P1009',
      );
    }
    throw new EngineError(
      `Cannot create database \`${target.database}\` at \`${target.location}\`: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
  return `Database '${target.database}' was successfully created.`;
}

/** Runs one `cli` command; returns what to print on stdout, or throws an `EngineError`. */
export async function runCliCommand(command: string, datasource: Datasource): Promise<string> {
  const target = postgresTarget(datasource.url);
  switch (command) {
    case 'can-connect-to-database': {
      const problem = await connectionProblem(target);
      if (problem) throw problem;
      return 'Connection successful';
    }
    case 'create-database':
      return createDatabase(target);
    default:
      throw new UsageError(
        `unknown cli command ${JSON.stringify(command)}; this engine runs can-connect-to-database and create-database`,
      );
  }
}
