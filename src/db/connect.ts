import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Env } from '../env.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { type Listen, pgliteListen, postgresListen } from './notifications.js';
import { lockPgliteFolder } from './pglite-lock.js';
import { seedFor } from './pglite-seed.js';
import { keepStatistics } from './pglite-statistics.js';
import { warmUpQueryCompiler } from './prisma-warm-up.js';
import { withStartupLock } from './startup-lock.js';
import { waitForPostgres } from './wait-for-postgres.js';

export type AdapterFactory = PrismaPGlite | PrismaPg;

export interface Database {
  prisma: PrismaClient;
  /**
   * Driver adapter factory of the in-process migration engine. On PostgreSQL it has no statement
   * or lock timeout: a migration may run long, or wait for another instance's.
   */
  adapterFactory: AdapterFactory;
  /** For logs: which database this is, without credentials. */
  description: string;
  /** LISTEN/NOTIFY: a dedicated connection on PostgreSQL, in process on PGlite. */
  listen: Listen;
  /**
   * Runs start-up's checks and migrations one instance at a time (PostgreSQL: an advisory lock;
   * PGlite: one process only, so at once).
   */
  startupExclusive<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export interface ConnectOptions {
  /** Called with every SQL statement the client sends (for debug logs and query counts). */
  onQuery?: (sql: string) => void;
  /**
   * Warnings: retries of an unreachable PostgreSQL, a PGlite lock taken over, a failed update of
   * PGlite's planner statistics.
   */
  log?: (message: string) => void;
  /** The PGlite folder's lock was lost while serving; the default throws (and so stops the process). */
  onLockLost?: (error: Error) => void;
  /**
   * The migrations the caller applies next: a new PGlite database starts from the build's copy
   * with this history applied, when there is one (see `seedFor`).
   */
  migrationsDir?: string;
}

type DatabaseSettings = Pick<
  Env,
  | 'DATABASE_URL'
  | 'PGLITE_DIR'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_LOCK_TIMEOUT_MS'
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'DATABASE_STARTUP_RETRY_SECONDS'
>;

function clientOn(adapter: AdapterFactory, { onQuery }: ConnectOptions): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query));
  return client as unknown as PrismaClient;
}

async function connectPostgres(
  env: DatabaseSettings & { DATABASE_URL: string },
  options: ConnectOptions,
): Promise<Database> {
  const shownUrl = withoutPassword(env.DATABASE_URL);
  await waitForPostgres(env.DATABASE_URL, {
    shownUrl,
    maxSeconds: env.DATABASE_STARTUP_RETRY_SECONDS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    log: options.log ?? (() => {}),
  });
  const connection = {
    connectionString: env.DATABASE_URL,
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
  };
  // Requests wait for a lock or run for a bounded time; 0 turns a timeout off, as in PostgreSQL.
  const prisma = clientOn(
    new PrismaPg({
      ...connection,
      statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
      lock_timeout: env.DATABASE_LOCK_TIMEOUT_MS,
    }),
    options,
  );
  return {
    prisma,
    adapterFactory: new PrismaPg(connection),
    description: `PostgreSQL at ${shownUrl}`,
    listen: postgresListen({
      connectionString: env.DATABASE_URL,
      connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
      shownUrl,
    }),
    startupExclusive: (work) =>
      withStartupLock({ ...connection, log: options.log ?? (() => {}) }, work),
    close: () => prisma.$disconnect(),
  };
}

async function connectPglite(dirSetting: string, options: ConnectOptions): Promise<Database> {
  // `memory://` keeps the database in memory (tests); anything else is a folder.
  const inMemory = dirSetting.startsWith('memory://');
  const dir = inMemory ? dirSetting : path.resolve(dirSetting);
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const lock = inMemory
    ? null
    : await lockPgliteFolder(dir, {
        log: options.log ?? (() => {}),
        onLost:
          options.onLockLost ??
          ((error) => {
            throw error;
          }),
      });
  try {
    // A new database starts from the build's copy of a data directory, not from initdb.
    const loadDataDir = seedFor(dir, inMemory, options.migrationsDir);
    const pglite = await PGlite.create(dir, loadDataDir ? { loadDataDir } : {});
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = clientOn(adapterFactory, options);
    const statistics = keepStatistics(pglite, {
      onError: (error) =>
        options.log?.(
          `Could not update the planner statistics: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
    return {
      prisma,
      adapterFactory,
      description: inMemory ? 'embedded PGlite in memory' : `embedded PGlite in ${dir}`,
      listen: pgliteListen(pglite),
      startupExclusive: (work) => work(),
      close: async () => {
        await statistics.stop();
        await prisma.$disconnect();
        await pglite.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/**
 * PostgreSQL through `pg` when DATABASE_URL is set (waiting for it at start-up), else embedded
 * PGlite stored in PGLITE_DIR, locked for this process.
 */
export function connectDatabase(
  env: DatabaseSettings,
  options: ConnectOptions = {},
): Promise<Database> {
  warmUpQueryCompiler();
  return env.DATABASE_URL
    ? connectPostgres({ ...env, DATABASE_URL: env.DATABASE_URL }, options)
    : connectPglite(env.PGLITE_DIR, options);
}
