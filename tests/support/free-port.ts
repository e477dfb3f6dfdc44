import net from 'node:net';

/**
 * A free TCP port on `host` (loopback by default), closed again so a server can bind it: for the
 * processes that want a number rather than 0 (kube components, a restart on the same port, peers
 * that must know each other's addresses up front).
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
