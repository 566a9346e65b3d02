import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';

/**
 * Stops accepting connections and waits, up to `timeoutMs`, for the open ones to end: requests in
 * flight finish and their connections close after the answer (see EdgeServer.drain), idle
 * keep-alive connections close at their keep-alive timeout. Then whatever is left is closed.
 *
 * Node's `http.Server#close` would also cut idle keep-alive connections at once; a request a client
 * sends on one at that moment is reset without an answer. Closing only the listening socket (what
 * `net.Server#close` does) leaves those connections to end the way clients expect.
 */
export async function closeServer(
  server: Server,
  timeoutMs: number,
  onDeadline: () => void,
): Promise<{ forced: boolean }> {
  const closed = new Promise<void>((resolve) =>
    Reflect.apply(NetServer.prototype.close, server, [() => resolve()]),
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), timeoutMs);
  });
  const first = await Promise.race([closed.then(() => 'closed' as const), deadline]);
  clearTimeout(timer);
  if (first === 'closed') return { forced: false };
  onDeadline();
  server.closeAllConnections();
  await closed;
  return { forced: true };
}
