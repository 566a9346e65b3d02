import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 to the test PostgreSQL server: it stands for the network between the
 * service and its database, so a test can take the database away (`close`) and bring it back
 * (`listen`) on the same port.
 */
export interface TcpProxy {
  port: number;
  /** Accepts connections again, on the same port. */
  listen(): Promise<void>;
  /** Refuses new connections and cuts the open ones, as a database that went away. */
  close(): Promise<void>;
}

// The test PostgreSQL server (see postgres.ts).
const server = new URL(
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
);
const TARGET = { host: server.hostname, port: Number(server.port || 5432) };

/** A free port on 127.0.0.1, closed again: connecting to it is refused until something listens. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function tcpProxy(port?: number): Promise<TcpProxy> {
  const chosen = port ?? (await freePort());
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const proxy: TcpProxy = {
    port: chosen,
    listen: async () => {
      if (server) return;
      const next = net.createServer((client) => {
        const upstream = net.connect(TARGET);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => next.listen(chosen, '127.0.0.1', resolve));
      server = next;
    },
    close: async () => {
      const closing = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
  return proxy;
}

/** The URL with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}
