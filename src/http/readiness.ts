import { type Plugin, useReadinessCheck } from 'graphql-yoga';

export interface ReadinessOptions {
  /** Rejects when a dependency cannot serve (the database: `SELECT 1`). */
  check: () => Promise<unknown>;
  timeoutMs: number;
  /** True once shutdown began: load balancers stop sending requests. */
  stopping: () => boolean;
  /** Called when readiness changes, with the reason when it is lost. */
  onChange: (ready: boolean, reason: string | null) => void;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms (READINESS_TIMEOUT_MS)`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/ready` (yoga's readiness check): 200 while the database answers `SELECT 1` within
 * READINESS_TIMEOUT_MS, else 503. The body names only what is wrong (`database`,
 * `shutting down`); the cause is logged once when readiness is lost. `/health` (liveness) is
 * yoga's own and answers 200 while the process serves.
 */
export function useReadiness({ check, timeoutMs, stopping, onChange }: ReadinessOptions): Plugin {
  let ready: boolean | null = null;
  const report = (now: boolean, reason: string | null) => {
    if (now !== ready) onChange(now, reason);
    ready = now;
  };
  const readiness = useReadinessCheck({
    endpoint: '/ready',
    check: async ({ fetchAPI }) => {
      const answer = (status: number, body: Record<string, string>) =>
        new fetchAPI.Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        });
      if (stopping()) {
        report(false, 'shutting down');
        return answer(503, { status: 'not ready', reason: 'shutting down' });
      }
      try {
        await within(check(), timeoutMs);
      } catch (error) {
        // Prisma's messages span lines; the log keeps one.
        const cause = error instanceof Error ? error.message : String(error);
        report(false, `database: ${cause.replace(/\s+/g, ' ').trim()}`);
        return answer(503, { status: 'not ready', reason: 'database' });
      }
      report(true, null);
      return answer(200, { status: 'ready' });
    },
  });
  // Yoga's check matches every request's URL with a URLPattern (3% of the CPU of a small query);
  // a look at the path first leaves other requests alone.
  return {
    onYogaInit: readiness.onYogaInit,
    onRequest: (payload) =>
      payload.url.pathname === '/ready' ? readiness.onRequest?.(payload) : undefined,
  };
}
