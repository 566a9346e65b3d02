import { loadEnv } from '../../src/env.js';
import type { Logger } from '../../src/http/logger.js';
import { type Service, startService } from '../../src/service.js';
import { referencePluginsEnv } from './plugin-set.js';

/**
 * The real service on an in-memory PGlite and a free port, with the given extra environment. It
 * serves the reference plugins unless `env` selects others (see `referencePluginsEnv`).
 */
export function startTestService(
  env: Record<string, string> = {},
  logger?: Logger,
): Promise<Service> {
  const config = loadEnv({
    PGLITE_DIR: 'memory://',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...referencePluginsEnv(),
    ...env,
  });
  return logger ? startService(config, logger) : startService(config);
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL operation over HTTP. */
export async function graphql<T>(
  service: Service,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

export interface HttpAnswer<T> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<T>;
}

/** POSTs a GraphQL operation with extra headers (e.g. Authorization) and keeps the HTTP status. */
export async function post<T>(
  service: Service,
  operation: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify(operation),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<T>,
  };
}

/** The Authorization header of a bearer token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
