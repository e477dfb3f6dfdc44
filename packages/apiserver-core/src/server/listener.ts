import type http from 'node:http';
import net, { type AddressInfo } from 'node:net';

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

/**
 * Stops accepting connections; resolves once every connection has ended. Kept-alive connections
 * stay open until closeConnections: a request a client sends on one now is answered (429 with
 * Connection: close by the shutdown filter) instead of finding the connection cut under it, which
 * http.Server.close() would do by closing idle connections at once.
 */
export function stopListening(server: http.Server): Promise<void> {
  return new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
}

/**
 * After stopListening and the drain: kept-alive connections get `lingerMs` more for a request
 * their client may be sending right now (it is answered 429 with Connection: close), then the
 * idle ones are closed; what is left after `boundMs` more is cut (every request has been answered).
 */
export async function closeConnections(server: http.Server, closed: Promise<void>, lingerMs: number, boundMs: number): Promise<void> {
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, lingerMs).unref())]);
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), boundMs);
  await closed;
  clearTimeout(force);
}
