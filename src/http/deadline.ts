import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { requestScope } from './request-scope.js';

function deadlineResult(timeoutMs: number): ExecutionResult {
  return {
    errors: [
      createGraphQLError(
        `The request did not finish within ${timeoutMs} ms (REQUEST_TIMEOUT_MS). A mutation may still have been applied: read before retrying it.`,
        { extensions: { code: 'DEADLINE_EXCEEDED', http: { status: 504 } } },
      ),
    ],
  };
}

/**
 * Answers a request that runs past REQUEST_TIMEOUT_MS (counted from its arrival) with
 * DEADLINE_EXCEEDED and HTTP 504. What was started finishes in the background (a database
 * statement on the database's own timeouts); it is not aborted, because handing the executor an
 * AbortSignal costs every request an abort and a DOMException (8% of the CPU of `{ __typename }`).
 */
export function useRequestDeadline(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      const scope = requestScope.getStore();
      const remaining = scope ? scope.started + timeoutMs - performance.now() : timeoutMs;
      setExecuteFn((args: ExecutionArgs) => {
        if (remaining <= 0) return deadlineResult(timeoutMs);
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => resolve(deadlineResult(timeoutMs)), remaining);
        });
        const executed = Promise.resolve(executeFn(args));
        // After the deadline a failing execution has no one to answer.
        executed.catch(() => {});
        return Promise.race([executed, expired]).finally(() => clearTimeout(timer));
      });
    },
  };
}
