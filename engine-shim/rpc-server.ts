import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { SchemaEngineHandle } from '../src/db/schema-engine.js';
import { lastPanicMessage } from '../src/db/wasm-engine.js';
import { fromEngineRejection } from './engine-error.js';
import { InvalidParamsError, MethodNotFoundError, rpcMethod } from './rpc-methods.js';
import { writeLog } from './stderr-log.js';

// JSON-RPC 2.0 as Prisma's CLI speaks it to the native engine: one JSON object per line on
// stdin, one response per line on stdout (nothing else may go there), requests answered in order.

const request = z.object({
  id: z.union([z.number(), z.string()]),
  method: z.string(),
  params: z.unknown().optional(),
});

// The native engine's error shapes: user-facing errors under `data`, which the CLI prints (with
// `error_code` above the message when there is one), panics flagged with `is_panic`.
const ENGINE_ERROR = 4466;
interface ErrorData {
  is_panic: boolean;
  message: string;
  error_code?: string;
  meta?: Record<string, unknown>;
  backtrace?: string;
}
interface RpcError {
  code: number;
  message: string;
  data?: ErrorData;
}
type Id = number | string | null;

function send(message: { id: Id; result: unknown } | { id: Id; error: RpcError }): void {
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
}

function rpcError(error: unknown, handle: SchemaEngineHandle | undefined): RpcError {
  if (error instanceof MethodNotFoundError || error instanceof InvalidParamsError) {
    const code = error instanceof MethodNotFoundError ? -32601 : -32602;
    return { code, message: error.message, data: { is_panic: false, message: error.message } };
  }
  // JS errors the driver adapter threw reach the engine as "External error id#N"; `explain` finds them.
  const { message, errorCode } = fromEngineRejection(handle ? handle.explain(error) : error);
  const data: ErrorData = { is_panic: false, message, meta: {} };
  if (errorCode) data.error_code = errorCode;
  return {
    code: ENGINE_ERROR,
    message: 'An error happened. Check the data field for details.',
    data,
  };
}

export type ServeOutcome = 'closed' | 'panicked';

/**
 * Answers requests from `input` until it closes, or until the engine panics (its wasm instance
 * is unusable afterwards; the native engine exits with 101 then, which the caller should do).
 */
export function serveJsonRpc(
  engine: Promise<SchemaEngineHandle>,
  input: Readable = process.stdin,
): Promise<ServeOutcome> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let queue = Promise.resolve();
  let panicked = false;

  const answer = async (line: string): Promise<void> => {
    if (panicked || line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      send({
        id: null,
        error: { code: -32700, message: `Parse error: not JSON: ${line.slice(0, 80)}` },
      });
      return;
    }
    const parsed = request.safeParse(message);
    // Anything else would be a reply to a request of ours; this engine sends none.
    if (!parsed.success) return;
    const { id, method, params } = parsed.data;
    let handle: SchemaEngineHandle | undefined;
    try {
      const run = rpcMethod(method);
      handle = await engine;
      const result = await run(handle.engine, params);
      // The CLI only settles a request on a defined `result`; void methods answer null.
      send({ id, result: result ?? null });
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        panicked = true;
        const panic = lastPanicMessage() ?? error.message;
        send({
          id,
          error: {
            code: ENGINE_ERROR,
            message: panic,
            data: { is_panic: true, message: panic, backtrace: '' },
          },
        });
        lines.close();
        return;
      }
      send({ id, error: rpcError(error, handle) });
    }
  };

  return new Promise((resolve) => {
    lines.on('line', (line) => {
      queue = queue
        .then(() => answer(line))
        .catch((error: unknown) =>
          writeLog({ level: 'ERROR', message: `could not answer a request: ${String(error)}` }),
        );
    });
    lines.on('close', () => {
      void queue.then(() => resolve(panicked ? 'panicked' : 'closed'));
    });
  });
}
