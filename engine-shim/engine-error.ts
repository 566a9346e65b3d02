/**
 * An error as the Prisma CLI shows it: with a Prisma error code (`P1001`, `P3009`, ...) when
 * there is one. The CLI prints the code above the message and some commands act on it (`migrate
 * deploy` creates the database on `P1003`).
 */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
  }
}

/** A string property of an error-like value, e.g. pg's `code` and `severity`. */
export function stringField(value: unknown, name: string): string | undefined {
  const found: unknown =
    typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
  return typeof found === 'string' ? found : undefined;
}

// The wasm engine rejects with an Error whose `code` holds the Prisma code of known errors, and
// whose message may end with a span trace ("\n   0: sql_schema_connector::..."): keep what the
// user needs, like the native engine's message.
export function fromEngineRejection(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const [head = raw] = raw.split(/\n\s+0: /);
  const message = head.replace(/^external connector error\n/, '').trim();
  const code = stringField(error, 'code');
  return new EngineError(message, code !== undefined && /^P\d{4}$/.test(code) ? code : undefined);
}
