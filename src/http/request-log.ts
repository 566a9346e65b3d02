import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OperationLabel } from '../graphql/static-results.js';
import type { Logger } from './logger.js';
import { type RequestScope, requestScope } from './request-scope.js';

// Probes poll every few seconds: their lines are debug, so they do not drown the requests.
const PROBES = new Set(['/health', '/ready']);

function codesOf(result: unknown): string[] {
  const results = Array.isArray(result) ? result : [result];
  return results.flatMap((one) => {
    const errors = (one as { errors?: ReadonlyArray<{ extensions?: { code?: unknown } }> })?.errors;
    return (errors ?? []).map((error) => String(error.extensions?.code ?? 'ERROR'));
  });
}

/** Notes the operation of the request in progress, for its log line. */
export function noteOperation(operation: OperationLabel): void {
  const scope = requestScope.getStore();
  if (scope) scope.operation = operation.name ?? `(anonymous ${operation.type})`;
}

/** Notes the operation's name and the codes of the errors answered, for the request's log line. */
export function useRequestFacts(): Plugin {
  return {
    onParams({ params }) {
      const scope = requestScope.getStore();
      if (scope && params.operationName) scope.operation = params.operationName;
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation)
        noteOperation({ name: operation.name?.value ?? null, type: operation.operation });
    },
    onResultProcess({ result }) {
      const scope = requestScope.getStore();
      if (scope) for (const code of codesOf(result)) scope.errorCodes.add(code);
    },
  };
}

/** One line per request: id, method, path, status, operation, duration and outcome. */
export function logRequest(
  logger: Logger,
  scope: RequestScope,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const durationMs = Math.round((performance.now() - scope.started) * 10) / 10;
  const errors = [...scope.errorCodes];
  const outcome = !res.writableFinished
    ? 'aborted'
    : res.statusCode >= 500
      ? 'failed'
      : errors.length > 0
        ? 'errors'
        : 'ok';
  const level = res.statusCode >= 500 ? 'error' : PROBES.has(path) ? 'debug' : 'info';
  const line = {
    method: req.method,
    path,
    status: res.statusCode,
    operation: scope.operation,
    durationMs,
    outcome,
    ...(errors.length > 0 ? { errors } : {}),
  };
  const summary = `${req.method} ${path} ${res.statusCode}${scope.operation ? ` ${scope.operation}` : ''} ${durationMs} ms ${outcome}${errors.length > 0 ? ` (${errors.join(', ')})` : ''}`;
  // Inside the scope, so the line carries the request id like every other line of the request.
  requestScope.run(scope, () => logger[level](line, summary));
}
