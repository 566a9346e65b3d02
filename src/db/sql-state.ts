/**
 * A PostgreSQL error as the drivers report it: the SQLSTATE and the server's message. Prisma wraps
 * it (`meta.driverAdapterError.cause`, with `originalCode`), `pg` throws it as is (`code` beside
 * `severity`); the same shape comes from PGlite and from PostgreSQL.
 */
export interface DatabaseFailure {
  sqlState: string;
  message: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

function failureIn(value: Record<string, unknown>): DatabaseFailure | undefined {
  const code = value.originalCode ?? (value.severity === undefined ? undefined : value.code);
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const message = value.originalMessage ?? value.message;
  return { sqlState: code, message: typeof message === 'string' ? message : '' };
}

/** The PostgreSQL error behind `error`, if one is, looking through the wrappers of the drivers. */
export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = record(queue.shift());
    if (!current || seen.has(current)) continue;
    seen.add(current);
    const found = failureIn(current);
    if (found) return found;
    queue.push(current.cause, record(current.meta)?.driverAdapterError, current.originalError);
  }
  return undefined;
}
