import pino, { type Logger } from 'pino';
import type { Env } from '../env.js';
import { requestScope } from './request-scope.js';

export type { Logger };

/**
 * The service's logger (pino): one JSON object a line in production, readable lines in
 * development (LOG_FORMAT overrides), colours only on a terminal. Every line written while a
 * request is handled carries its `reqId`.
 */
export async function createLogger(
  env: Pick<Env, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>,
  /** Default: standard output, written synchronously so no line is lost at exit. */
  destination?: NodeJS.WritableStream,
): Promise<Logger> {
  const format = env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty');
  const options = {
    level: env.LOG_LEVEL,
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { reqId: scope.id } : {};
    },
  };
  if (format === 'json') return destination ? pino(options, destination) : pino(options);
  // Loaded only when used: production logs JSON.
  const { default: pretty } = await import('pino-pretty');
  const terminal = destination ? (destination as { isTTY?: boolean }).isTTY : process.stdout.isTTY;
  const colorize = terminal === true && !process.env.NO_COLOR;
  return pino(
    options,
    pretty({
      destination: destination ?? 1,
      colorize,
      sync: true,
      // The request line's message says it all; its fields are for JSON.
      ignore: 'pid,hostname,reqId,method,path,status,operation,durationMs,outcome,errors',
      messageFormat: '{if reqId}[{reqId}] {end}{msg}',
      translateTime: 'SYS:HH:MM:ss.l',
      // A stack stays readable in development; production JSON keeps it on one line.
      errorLikeObjectKeys: ['err', 'error'],
    }),
  );
}
