import pg from 'pg';

/**
 * The key of the advisory lock instances hold while they check and migrate the database at
 * start-up. It is not the migration engine's own lock (which only covers applying): the history
 * checks before it would otherwise see another instance's migration half-way and call it failed.
 */
const STARTUP_LOCK_KEY = 4_121_961_015;

export interface StartupLockOptions {
  connectionString: string;
  connectionTimeoutMillis: number;
  /** Said when another instance holds the lock, before waiting for it. */
  log: (message: string) => void;
}

/**
 * Runs `work` holding a session-level advisory lock on its own connection, so instances starting
 * together on one PostgreSQL database check and migrate it one after the other. The lock goes
 * with the connection, also when the process dies.
 */
export async function withStartupLock<T>(
  options: StartupLockOptions,
  work: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: options.connectionString,
    connectionTimeoutMillis: options.connectionTimeoutMillis,
    application_name: 'data-product-portal start-up',
  });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [STARTUP_LOCK_KEY],
    );
    if (!rows[0]?.locked) {
      options.log('Another instance is checking or migrating the database; waiting for it');
      await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    }
    return await work();
  } finally {
    // Ending the session releases the lock.
    await client.end().catch(() => {});
  }
}
