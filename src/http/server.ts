import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import { logRequest } from './request-log.js';
import { newRequestScope, requestScope } from './request-scope.js';
import type { EdgeYoga } from './yoga.js';

/**
 * Serves pages beside the API: gets each request for a path other than the GraphQL endpoint, and
 * answers it and returns true, or returns false to leave it to the API (which answers 404).
 */
export type PageHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface EdgeServer {
  server: Server;
  /** Requests received and not yet answered (or abandoned). */
  inFlight(): number;
  /** From now on every answer closes its connection (shutdown): no client reuses it. */
  drain(): void;
}

/**
 * The HTTP server in front of yoga. Each request gets an id (its `x-request-id` or a new one,
 * echoed in the response), runs in its request scope and is logged once when it ends. Receiving a
 * request (headers and body) is bounded by REQUEST_TIMEOUT_MS too, so a slow sender cannot hold a
 * connection.
 */
export function createEdgeServer(
  yoga: EdgeYoga,
  logger: Logger,
  requestTimeoutMs: number,
  /** Pages served beside the API (the form preview page); the GraphQL endpoint never goes there. */
  pages?: PageHandler,
): EdgeServer {
  const open = new Set<ServerResponse>();
  let draining = false;
  const server = createServer({ requestTimeout: requestTimeoutMs }, (req, res) => {
    const scope = newRequestScope(req);
    open.add(res);
    res.setHeader('x-request-id', scope.id);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      open.delete(res);
      logRequest(logger, scope, req, res);
    });
    requestScope.run(scope, () => {
      const onApi = (req.url ?? '/').startsWith(yoga.graphqlEndpoint);
      if (onApi || !pages?.(req, res)) void yoga(req, res);
    });
  });
  return {
    server,
    inFlight: () => open.size,
    drain: () => {
      draining = true;
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
    },
  };
}
