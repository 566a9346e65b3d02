import type { EngineLogEntry } from '../src/db/schema-engine.js';

// The native engine logs JSON lines to stderr (`tracing`'s JSON format). The CLI keeps each
// line's `fields.message`, remembers the last `ERROR` line's fields to explain an engine exit,
// and, for `cli` commands, looks for the ERROR line of target `schema_engine::logger`.

const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];

function rank(level: string): number {
  const index = LEVELS.indexOf(level.toUpperCase());
  return index === -1 ? LEVELS.indexOf('INFO') : index;
}

// The CLI sets RUST_LOG=info unless the user set it; only a plain level is understood here
// (`info`, `debug`, ...), anything else (`schema_engine=debug`) logs at info.
const threshold = rank(process.env.RUST_LOG ?? 'info');

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
  target?: string;
  /** Written whatever RUST_LOG says. */
  always?: boolean;
}

export function writeLog({
  level,
  message,
  fields = {},
  target = 'schema_engine',
  always = false,
}: LogLine): void {
  if (!always && rank(level) > threshold) return;
  const line = {
    timestamp: new Date().toISOString(),
    level: level.toUpperCase(),
    fields: { message, ...fields },
    target,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** For `createSchemaEngine`'s `log` option: the wasm engine's own log lines, passed on. */
export function forwardEngineLog(entry: EngineLogEntry): void {
  writeLog({ level: entry.level, message: entry.message, fields: entry.fields });
}
