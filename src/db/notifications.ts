import type { PGlite } from '@electric-sql/pglite';
import pRetry from 'p-retry';
import pg from 'pg';

/** What a listener hears on its channel. */
export interface ListenHandlers {
  /** A NOTIFY on the channel committed (any instance's, this one's included); the payload it sent. */
  onNotify(payload: string): void;
  /**
   * Notifications may have been missed (the listening connection was lost and is back): whatever
   * they would have said must be read again.
   */
  onResync(): void;
  /** The connection was lost, or came back; for the log. */
  log(message: string): void;
}

/** Stops listening; resolves once the connection (if one was opened for it) is closed. */
export type StopListening = () => Promise<void>;

/** LISTENs on `channel` until stopped. Resolves once the first LISTEN is in place. */
export type Listen = (channel: string, handlers: ListenHandlers) => Promise<StopListening>;

/** PGlite is one process and one session: its own NOTIFYs reach its own listeners, in process. */
export function pgliteListen(pglite: PGlite): Listen {
  return async (channel, { onNotify }) => {
    const unlisten = await pglite.listen(channel, onNotify);
    return async () => {
      // Closing the database ends its listeners anyway.
      if (!pglite.closed) await unlisten();
    };
  };
}

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5_000;

export interface PostgresListenOptions {
  connectionString: string;
  connectionTimeoutMillis: number;
  /** For logs: the server, without credentials. */
  shownUrl: string;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * PostgreSQL: one dedicated connection per listener (a pooled one would be handed to queries and
 * lose its LISTEN). When it is lost, it reconnects with backoff (0.1 s doubling to 5 s, for as long
 * as it takes) and then calls `onResync`, since whatever was notified meanwhile was not heard.
 */
export function postgresListen(options: PostgresListenOptions): Listen {
  return async (channel, handlers) => {
    let stopped = false;
    let client: pg.Client | null = null;
    const abort = new AbortController();

    const open = async (): Promise<pg.Client> => {
      const next = new pg.Client({
        connectionString: options.connectionString,
        connectionTimeoutMillis: options.connectionTimeoutMillis,
        // Names the connection in pg_stat_activity, so an operator sees what it is.
        application_name: `data-product-portal listener ${channel}`,
      });
      // Without a listener an error event would crash the process; `end` follows it.
      next.on('error', () => {});
      try {
        await next.connect();
        next.on('notification', (message) => {
          if (message.channel === channel) handlers.onNotify(message.payload ?? '');
        });
        await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        await next.end().catch(() => {});
        throw error;
      }
      next.once('end', () => {
        if (stopped) return;
        handlers.log(
          `Lost the connection listening for ${channel} on PostgreSQL at ${options.shownUrl}; reconnecting`,
        );
        void reconnect();
      });
      return next;
    };

    const reconnect = async () => {
      client = null;
      try {
        client = await pRetry(open, {
          retries: Number.POSITIVE_INFINITY,
          factor: 2,
          minTimeout: FIRST_DELAY_MS,
          maxTimeout: MAX_DELAY_MS,
          signal: abort.signal,
          onFailedAttempt: ({ error, attemptNumber }) => {
            if (!stopped)
              handlers.log(
                `Cannot listen for ${channel} on PostgreSQL at ${options.shownUrl} (attempt ${attemptNumber}: ${reason(error)}); retrying`,
              );
          },
        });
      } catch {
        return; // Stopped while retrying.
      }
      if (stopped) {
        await client.end().catch(() => {});
        return;
      }
      handlers.log(`Listening for ${channel} again; reading what may have changed meanwhile`);
      handlers.onResync();
    };

    client = await open();
    return async () => {
      stopped = true;
      abort.abort();
      await client?.end().catch(() => {});
    };
  };
}
