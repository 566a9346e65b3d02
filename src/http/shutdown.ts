import type { Server } from 'node:http';

/**
 * Stops accepting connections, closes idle keep-alive ones, and waits for requests in flight up
 * to `timeoutMs`; then closes whatever is left. Node's own server methods do all of it.
 */
export async function closeServer(
  server: Server,
  timeoutMs: number,
  onDeadline: () => void,
): Promise<{ forced: boolean }> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
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
