import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createLogger, createYoga, type YogaLogger } from 'graphql-yoga';
import { connectDatabase, type Database } from './db/connect.js';
import { applyPendingMigrations } from './db/migrate.js';
import { type Env, pluginSelection } from './env.js';
import { getDatamodel } from './generated/pothos-types.js';
import type { Context } from './graphql/builder.js';
import { useDatabaseErrors } from './graphql/database-errors.js';
import { STATIC_QUERY_FIELDS } from './graphql/plugin-queries.js';
import { buildSchema } from './graphql/schema.js';
import { useStaticResults } from './graphql/static-results.js';
import { useStructuredVariableErrors } from './graphql/variable-errors.js';
import { paths } from './paths.js';
import { modelCheck } from './registry/check-model.js';
import { loadRegistry, type PluginRegistry } from './registry/registry.js';
import { DataOutputStore } from './store/data-output-store.js';
import { PlatformSettingsStore } from './store/platform-settings-store.js';

/** Base rows left without their plugin row by changes outside the service: named once, at start-up. */
async function logOrphans(
  store: DataOutputStore,
  views: ReadonlyArray<{ name: string }>,
  logger: YogaLogger,
): Promise<void> {
  const { count, ids } = await store.orphans(views.map((view) => view.name));
  if (count === 0) return;
  logger.warn(
    `${count} data output configuration(s) have no row in their plugin's table (changed outside the service): ` +
      `lists and reads skip them, deleteDataOutputConfiguration removes them. Ids: ${ids.join(', ')}${count > ids.length ? ', ...' : ''}`,
  );
}

export interface Service {
  registry: PluginRegistry;
  /** The database the service uses (tests read row counts through it). */
  db: Database;
  server: Server;
  /** Base URL the service listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves pages beside the API: gets each request for a path other than the GraphQL endpoint, and
 * answers it and returns true, or returns false to leave it to the API (which answers 404).
 */
export type PageHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Starts the service: plugins, schema, database (migrated to date), then HTTP. Any failure before
 * listening rejects, naming its cause; nothing is left open.
 */
export async function startService(
  env: Env,
  logger: YogaLogger = createLogger(env.LOG_LEVEL),
  pages?: PageHandler,
): Promise<Service> {
  const registry = await loadRegistry({
    ...pluginSelection(env),
    verify: modelCheck(getDatamodel().datamodel.models),
    log: (m) => logger.info(m),
    warn: (m) => logger.warn(m),
  });
  const { schema, views } = buildSchema(registry);
  const db = await connectDatabase(env, {
    ...(env.LOG_LEVEL === 'debug' ? { onQuery: (sql: string) => logger.debug(`SQL ${sql}`) } : {}),
    log: (m) => logger.warn(m),
    // Another process may be writing the folder now: stop before this one writes too.
    onLockLost: (error) => {
      logger.error(`Lost the lock on PGLITE_DIR ${env.PGLITE_DIR} (${error.message}); stopping`);
      process.exit(1);
    },
  });
  try {
    logger.info(`Database: ${db.description}`);
    // applyPendingMigrations logs each migration it applies.
    const applied = await applyPendingMigrations({
      adapterFactory: db.adapterFactory,
      migrationsDir: paths.migrations,
      log: (m) => logger.info(m),
    });
    if (applied.length === 0) logger.info('Database schema is up to date');
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
  try {
    // Read now, so plugins and forms have a copy to answer from if the database goes away.
    await platformSettings.current();
    await logOrphans(dataOutputs, views, logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  const context: Context = { prisma: db.prisma, dataOutputs, platformSettings };
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    context: () => context,
    graphiql: env.NODE_ENV !== 'production',
    // GraphiQL's scripts, styles and workers inlined from the installed package: no CDN, so it
    // works offline.
    renderGraphiQL,
    logging: logger,
    // Cached plugins/pluginForm answers are dropped whenever the platform settings change.
    plugins: [
      useStructuredVariableErrors(),
      useDatabaseErrors({
        lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
        statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      }),
      useStaticResults({
        fields: STATIC_QUERY_FIELDS,
        generation: async () => {
          await platformSettings.current();
          return platformSettings.generation;
        },
      }),
    ],
  });
  const server = createServer((request, response) => {
    const onApi = (request.url ?? '/').startsWith(yoga.graphqlEndpoint);
    if (onApi || !pages?.(request, response)) void yoga(request, response);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(env.PORT, env.HOST, resolve);
    });
  } catch (error) {
    await db.close();
    throw new Error(
      `Cannot listen on ${env.HOST}:${env.PORT} (PORT, HOST): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { port } = server.address() as AddressInfo;
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  const url = `http://${host}:${port}`;
  logger.info(`Serving GraphQL at ${url}${yoga.graphqlEndpoint}`);
  return {
    registry,
    db,
    server,
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
