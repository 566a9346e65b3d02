import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the service knows about the request being handled, for its log line and its deadline. */
export interface RequestScope {
  id: string;
  /** performance.now() when the request arrived. */
  started: number;
  operation: string | null;
  /** `extensions.code` of each error answered. */
  errorCodes: Set<string>;
}

/** The request in progress, for every log line written while handling it (see logger.ts). */
export const requestScope = new AsyncLocalStorage<RequestScope>();

// A caller's id is kept when it is one token of safe characters: it goes into logs as is.
const SAFE_ID = /^[\w\-.:@]{1,128}$/;

/** The request's id: its `x-request-id` when usable, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

export function newRequestScope(req: IncomingMessage): RequestScope {
  return {
    id: requestIdOf(req),
    started: performance.now(),
    operation: null,
    errorCodes: new Set(),
  };
}
