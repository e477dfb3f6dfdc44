import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on host:port; rejects on EADDRINUSE and the like. */
export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // kube-apiserver's wording: "failed to listen on 127.0.0.1:6443: … address already in use".
    const failed = (err: Error) => reject(new Error(`failed to listen on ${host}:${port}: ${err.message}`));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** The URL clients use: an unspecified bind address is reached over loopback. */
export function urlOf(server: http.Server | undefined, scheme: 'http' | 'https'): string {
  const addr = server?.address() as AddressInfo | null;
  if (!addr) return '';
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
  return `${scheme}://${local}:${addr.port}`;
}

/** Stops accepting, lets in-flight requests finish, and cuts what is left after five seconds. */
export async function closeGracefully(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 5000);
  await closed;
  clearTimeout(force);
}
