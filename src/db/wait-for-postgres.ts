import pRetry, { AbortError } from 'p-retry';
import pg from 'pg';
import { databaseFailureOf } from './sql-state.js';

export interface WaitOptions {
  /** For messages: the URL without its password. */
  shownUrl: string;
  /** How long to keep trying, in all; 0 tries once. */
  maxSeconds: number;
  connectTimeoutMs: number;
  log: (message: string) => void;
}

// A server that is down, starting, restarting or out of connections answers again later; a wrong
// password or a missing database does not, so those stop start-up at once.
const TRANSIENT_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
const TRANSIENT_SQL_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

function isTransient(error: unknown): boolean {
  const failure = databaseFailureOf(error);
  if (failure)
    return failure.sqlState.startsWith('08') || TRANSIENT_SQL_STATES.has(failure.sqlState);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_NETWORK.has(code)) return true;
  // pg's own words when the server closes the socket or connectionTimeoutMillis runs out.
  return error instanceof Error && /timeout|terminated|Connection ended/i.test(error.message);
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's AggregateError (every address of `localhost` refused) has a code and no message.
  return error.message || String((error as { code?: unknown }).code ?? error.name);
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

/**
 * Connects to PostgreSQL and runs `SELECT 1`, retrying with exponential backoff (0.5 s doubling
 * up to 5 s) while the server is unreachable, for at most `maxSeconds` in all, logging each
 * failed attempt. Rejects, naming the URL, the setting and the last error, when time runs out or
 * the failure is not one that waiting can cure.
 */
export async function waitForPostgres(url: string, options: WaitOptions): Promise<void> {
  const startedAt = performance.now();
  const maxRetryTime = options.maxSeconds * 1000;
  let attempts = 0;
  try {
    await pRetry(
      async () => {
        attempts += 1;
        const client = new pg.Client({
          connectionString: url,
          connectionTimeoutMillis: options.connectTimeoutMs,
        });
        // An error event after a failed connect must not go unhandled.
        client.on('error', () => {});
        try {
          await client.connect();
          await client.query('SELECT 1');
        } catch (error) {
          if (!isTransient(error)) throw new AbortError(error as Error);
          throw error;
        } finally {
          await client.end().catch(() => {});
        }
      },
      {
        retries: Number.POSITIVE_INFINITY,
        factor: 2,
        minTimeout: FIRST_DELAY_MS,
        maxTimeout: MAX_DELAY_MS,
        randomize: false,
        maxRetryTime,
        onFailedAttempt: ({ error, attemptNumber, retriesConsumed }) => {
          const remaining = maxRetryTime - (performance.now() - startedAt);
          const delay = Math.min(FIRST_DELAY_MS * 2 ** retriesConsumed, MAX_DELAY_MS, remaining);
          options.log(
            remaining > 0
              ? `PostgreSQL at ${options.shownUrl} is not reachable (attempt ${attemptNumber}: ${reason(error)}); ` +
                  `retrying in ${(delay / 1000).toFixed(1)} s, for up to ${options.maxSeconds} s in all (DATABASE_STARTUP_RETRY_SECONDS)`
              : `PostgreSQL at ${options.shownUrl} is not reachable (attempt ${attemptNumber}: ${reason(error)}); giving up`,
          );
        },
      },
    );
  } catch (error) {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    const cause = isTransient(error)
      ? `not reachable after ${attempts} attempts in ${seconds} s (DATABASE_STARTUP_RETRY_SECONDS=${options.maxSeconds})`
      : 'refused the connection';
    throw new Error(
      `PostgreSQL at ${options.shownUrl} (DATABASE_URL) ${cause}: ${reason(error)}. ` +
        'Check that the server runs, accepts connections from this host, and that the URL names an existing database and valid credentials.',
      { cause: error },
    );
  }
}
