import type { GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Authentication } from '../auth/authentication.js';
import type { Env } from '../env.js';
import type { Context } from '../graphql/builder.js';
import { useDatabaseErrors } from '../graphql/database-errors.js';
import { useStaticResults } from '../graphql/static-results.js';
import { useStructuredVariableErrors } from '../graphql/variable-errors.js';
import { useCrossSiteRefusal } from './csrf.js';
import { useRequestDeadline } from './deadline.js';
import { useHiddenSuggestions } from './hidden-suggestions.js';
import { useBodyLimitMessage, useQueryLimits } from './limits.js';
import type { Logger } from './logger.js';
import { boundedParseCaches } from './parse-cache.js';
import { useReadiness } from './readiness.js';
import { noteOperation, useRequestFacts } from './request-log.js';

export interface EdgeOptions {
  env: Env;
  schema: GraphQLSchema;
  /** What every request's context shares; the caller is added per request. */
  shared: Omit<Context, 'caller'>;
  authentication: Authentication;
  logger: Logger;
  /** Root fields answered from memory while `generation` stays (see static-results.ts). */
  staticFields: ReadonlySet<string>;
  generation: () => Promise<number>;
  /** `SELECT 1` on the database. */
  databaseCheck: () => Promise<unknown>;
  stopping: () => boolean;
}

export type EdgeYoga = YogaServerInstance<Record<string, unknown>, Context>;

/** The CORS policy of CORS_ORIGINS: none by default, never with credentials (tokens are headers). */
function corsOf(origins: readonly string[]) {
  if (origins.length === 0) return false;
  return {
    origin: [...origins],
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'x-graphql-yoga-csrf'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  };
}

/** The GraphQL endpoint with its edge: identity, limits, cross-site rules, probes, deadline. */
export function createEdgeYoga(options: EdgeOptions): EdgeYoga {
  const { env, authentication, logger } = options;
  const production = env.NODE_ENV === 'production';
  const plugins: Plugin[] = [
    ...useCrossSiteRefusal(),
    authentication.plugin,
    useBodyLimitMessage(env.HTTP_MAX_BODY_BYTES),
    useQueryLimits(env),
    ...(production ? [useHiddenSuggestions()] : []),
    useRequestFacts(),
    useReadiness({
      check: options.databaseCheck,
      timeoutMs: env.READINESS_TIMEOUT_MS,
      stopping: options.stopping,
      onChange: (ready, reason) =>
        ready ? logger.info('Ready: the database answers') : logger.warn(`Not ready: ${reason}`),
    }),
    useStructuredVariableErrors(),
    useDatabaseErrors({
      lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    }),
    // Cached plugins/pluginForm answers are dropped whenever the platform settings change.
    useStaticResults({
      fields: options.staticFields,
      generation: options.generation,
      onServed: noteOperation,
    }),
    useRequestDeadline(env.REQUEST_TIMEOUT_MS),
  ];
  return createYoga<Record<string, unknown>, Context>({
    schema: options.schema,
    context: ({ request }) => ({ ...options.shared, caller: authentication.callerOf(request) }),
    graphiql: !production,
    // GraphiQL's scripts, styles and workers inlined from the installed package: no CDN, so it
    // works offline. Loaded on the first request for the page (it holds about 45 MB), never in
    // production, where GraphiQL is off.
    renderGraphiQL: async (graphiql) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiql),
    landingPage: !production,
    logging: logger,
    cors: corsOf(env.CORS_ORIGINS),
    maxRequestBodySize: env.HTTP_MAX_BODY_BYTES,
    // No file uploads here: a multipart body is refused (415) whatever its headers.
    multipart: false,
    parserAndValidationCache: boundedParseCaches(),
    plugins,
  });
}
