import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy that can turn into a black hole: while `dropping`, bytes in both directions
 * are swallowed and new connections are accepted but go nowhere, like a network that silently
 * loses packets (no reset, no refusal). Bytes swallowed are gone, as on a real network, and so is
 * the close of a server-side connection that ends meanwhile (the client learns of it only when it
 * next sends something).
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let dropping = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (dropping) {
      client.on('data', () => {});
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      // The far end's goodbye is lost too: the client is left holding a connection to nothing.
      if (!dropping) client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk) => {
      if (!dropping) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!dropping) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    drop(on: boolean) {
      dropping = on;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
