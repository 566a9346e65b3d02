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
 * DEADLINE_EXCEEDED and HTTP 504, and aborts its execution: no resolver starts after the deadline.
 * A database statement already sent finishes on the database's own timeouts.
 */
export function useRequestDeadline(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      const scope = requestScope.getStore();
      const remaining = scope ? scope.started + timeoutMs - performance.now() : timeoutMs;
      setExecuteFn((args: ExecutionArgs) => {
        if (remaining <= 0) return deadlineResult(timeoutMs);
        const controller = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            controller.abort(new Error('request deadline'));
            resolve(deadlineResult(timeoutMs));
          }, remaining);
        });
        const executed = Promise.resolve(
          executeFn({ ...args, signal: controller.signal } as ExecutionArgs),
        );
        // After the deadline the aborted execution's own rejection has no one to answer.
        executed.catch(() => {});
        return Promise.race([executed, expired]).finally(() => clearTimeout(timer));
      });
    },
  };
}
