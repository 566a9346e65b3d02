import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthMode, authModeOf, useAuthentication } from './auth/authentication.js';
import { checkAndMigrate } from './db/check-and-migrate.js';
import { connectDatabase, type Database } from './db/connect.js';
import { type Env, pluginSelection } from './env.js';
import { getDatamodel } from './generated/pothos-types.js';
import { STATIC_QUERY_FIELDS } from './graphql/plugin-queries.js';
import { buildSchema } from './graphql/schema.js';
import { createLogger, type Logger } from './http/logger.js';
import { createEdgeServer, type PageHandler } from './http/server.js';
import { closeServer } from './http/shutdown.js';
import { createEdgeYoga } from './http/yoga.js';
import { paths } from './paths.js';
import { modelCheck } from './registry/check-model.js';
import { loadRegistry, type PluginRegistry } from './registry/registry.js';
import { DataOutputStore } from './store/data-output-store.js';
import { logOrphans } from './store/log-orphans.js';
import { PlatformSettingsStore, SETTINGS_CHANNEL } from './store/platform-settings-store.js';

export interface Service {
  registry: PluginRegistry;
  /** The database the service uses (tests read row counts through it). */
  db: Database;
  server: Server;
  /** Base URL the service listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  /**
   * Stops accepting requests, lets those in flight finish up to SHUTDOWN_TIMEOUT_MS, then
   * closes the database.
   */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Says at every start who may call the service, loudest when no identity is checked. */
function logAuthMode(mode: AuthMode, env: Env, logger: Logger): void {
  if (mode.kind === 'verify') {
    logger.info(`Authentication: ${mode.description}`);
    return;
  }
  if (mode.reason === 'disabled') {
    logger.warn(
      'AUTH_DISABLED=true: this service verifies no identity; every caller may read and change everything. Run it only behind a gateway that authenticates every caller.',
    );
    return;
  }
  const exposed = LOOPBACK.has(env.HOST)
    ? `listening on ${env.HOST} only`
    : `and HOST=${env.HOST} exposes it to the network`;
  const message = `Authentication is off (no AUTH_ISSUER, NODE_ENV=${env.NODE_ENV}): every caller may read and change everything, ${exposed}. Set AUTH_ISSUER before serving anyone else (README, "Running in production").`;
  if (LOOPBACK.has(env.HOST)) logger.info(message);
  else logger.warn(message);
}

/**
 * Starts the service: plugins, schema, database (migrated to date), then HTTP. Any failure before
 * listening rejects, naming its cause; nothing is left open.
 */
export async function startService(
  env: Env,
  givenLogger?: Logger,
  pages?: PageHandler,
): Promise<Service> {
  const logger = givenLogger ?? (await createLogger(env));
  // Before anything opens: a key that cannot be used stops start-up, naming its setting.
  const authMode = authModeOf(env);
  const registry = await loadRegistry({
    ...pluginSelection(env),
    verify: modelCheck(getDatamodel().datamodel.models),
    log: (m) => logger.info(m),
    warn: (m) => logger.warn(m),
  });
  const { schema, views } = buildSchema(registry, { maxCost: env.GRAPHQL_MAX_COST });
  const db = await connectDatabase(env, {
    ...(env.LOG_LEVEL === 'debug' ? { onQuery: (sql: string) => logger.debug(`SQL ${sql}`) } : {}),
    log: (m) => logger.warn(m),
    migrationsDir: paths.migrations,
    // Another process may be writing the folder now: stop before this one writes too.
    onLockLost: (error) => {
      logger.error(`Lost the lock on PGLITE_DIR ${env.PGLITE_DIR} (${error.message}); stopping`);
      process.exit(1);
    },
  });
  try {
    logger.info(`Database: ${db.description}`);
    await db.startupExclusive(() => checkAndMigrate(db, registry, logger));
  } catch (error) {
    await db.close();
    throw error;
  }
  const platformSettings = new PlatformSettingsStore(
    db.prisma,
    env.PLATFORM_SETTINGS_MAX_AGE_SECONDS * 1000,
    (m) => logger.warn(m),
  );
  const dataOutputs = new DataOutputStore(
    db.prisma,
    views.map((view) => ({ plugin: view.name, relation: view.platform })),
    (m) => logger.warn(m),
  );
  let stopListening: (() => Promise<void>) | null = null;
  try {
    // Listening before the first read, so no change made in between goes unheard.
    stopListening = await db.listen(SETTINGS_CHANNEL, {
      onNotify: () => platformSettings.invalidate(),
      onResync: () => platformSettings.invalidate(),
      log: (m) => logger.warn(m),
    });
    // Read now, so plugins and forms have a copy to answer from if the database goes away.
    await platformSettings.current();
    await logOrphans(dataOutputs, views, logger);
  } catch (error) {
    await stopListening?.();
    await db.close();
    throw error;
  }
  let stopping = false;
  const yoga = createEdgeYoga({
    env,
    schema,
    shared: { prisma: db.prisma, dataOutputs, platformSettings },
    authentication: useAuthentication(authMode, {
      production: env.NODE_ENV === 'production',
      onKeysUnavailable: (error) => logger.error(error.message),
    }),
    logger,
    staticFields: STATIC_QUERY_FIELDS,
    generation: async () => {
      await platformSettings.current();
      return platformSettings.generation;
    },
    databaseCheck: () => db.prisma.$queryRaw`SELECT 1`,
    stopping: () => stopping,
  });
  const { server, inFlight, drain } = createEdgeServer(yoga, logger, env.REQUEST_TIMEOUT_MS, pages);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(env.PORT, env.HOST, resolve);
    });
  } catch (error) {
    await stopListening();
    await db.close();
    throw new Error(
      `Cannot listen on ${env.HOST}:${env.PORT} (PORT, HOST): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { port } = server.address() as AddressInfo;
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  const url = `http://${host}:${port}`;
  logAuthMode(authMode, env, logger);
  logger.info(`Serving GraphQL at ${url}${yoga.graphqlEndpoint}`);
  return {
    registry,
    db,
    server,
    url,
    close: async () => {
      stopping = true;
      drain();
      const busy = inFlight();
      logger.info(
        `Stopping: no new connections; ${busy} request(s) in flight, waiting up to ${env.SHUTDOWN_TIMEOUT_MS} ms (SHUTDOWN_TIMEOUT_MS)`,
      );
      await closeServer(server, env.SHUTDOWN_TIMEOUT_MS, () =>
        logger.warn(
          `Closing ${inFlight()} request(s) still running after ${env.SHUTDOWN_TIMEOUT_MS} ms (SHUTDOWN_TIMEOUT_MS)`,
        ),
      );
      await yoga.dispose();
      await stopListening?.();
      // A statement still waiting (e.g. on a lock) would hold the pool open: PostgreSQL rolls back
      // whatever a vanished connection left unfinished, so the wait is bounded too.
      const closed = await settlesWithin(db.close(), env.SHUTDOWN_TIMEOUT_MS);
      if (closed) logger.info('Stopped: database closed');
      else
        logger.warn(
          `Stopped: the database did not close within ${env.SHUTDOWN_TIMEOUT_MS} ms (SHUTDOWN_TIMEOUT_MS); its unfinished work is rolled back`,
        );
    },
  };
}
