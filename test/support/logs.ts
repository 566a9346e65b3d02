import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/http/logger.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The service's own logger writing JSON lines into memory, for tests to read. */
export async function captureLogs(level: 'debug' | 'info' = 'info'): Promise<{
  logger: Logger;
  lines: LogLine[];
}> {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = await createLogger(
    { LOG_LEVEL: level, LOG_FORMAT: 'json', NODE_ENV: 'test' },
    sink,
  );
  return { logger, lines };
}

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A logger of the service that puts the message of every warning into `warnings`. */
export async function warningsInto(warnings: string[]): Promise<Logger> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const parsed = JSON.parse(line) as LogLine;
        if (parsed.level === LEVEL.warn) warnings.push(parsed.msg);
      }
      done();
    },
  });
  return createLogger({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NODE_ENV: 'test' }, sink);
}
