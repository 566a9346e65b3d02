import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Logger } from './logger.js';
import { logRequest } from './request-log.js';
import { newRequestScope, requestScope } from './request-scope.js';
import type { EdgeYoga } from './yoga.js';

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
    requestScope.run(scope, () => void yoga(req, res));
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
