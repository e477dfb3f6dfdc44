import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { Socket } from 'node:net';
import { buildConnector, Client } from 'undici';
import { testPKI } from './test-pki';

/**
 * One kept-alive HTTPS connection to a `--workers` server, and the worker process that accepted it —
 * found the way `ss -p` does: the server side of the TCP connection in /proc/net/tcp gives its socket
 * inode, and the worker whose /proc/<pid>/fd holds that inode serves every request on this connection.
 */
export interface WorkerConnection {
  client: Client;
  /** The pid of the worker serving this connection. */
  pid: number;
  close(): Promise<void>;
}

export async function connectToWorker(url: string, workerPids: number[]): Promise<WorkerConnection> {
  const pki = await testPKI();
  const tls = buildConnector({ ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM });
  let socket: Socket | undefined;
  const client = new Client(url, {
    pipelining: 1,
    keepAliveTimeout: 600_000,
    connect: (opts, cb) => tls(opts, (err, s) => (err ? cb(err, null) : cb(null, (socket = s as Socket)))),
  });
  // The first request opens the connection.
  const res = await client.request({ path: '/readyz', method: 'GET' });
  await res.body.text();
  const pid = acceptingWorker(Number(new URL(url).port), socket!.localPort!, workerPids);
  return { client, pid, close: () => client.close() };
}

function acceptingWorker(serverPort: number, clientPort: number, workerPids: number[]): number {
  const inode = serverSideInode(serverPort, clientPort);
  for (const pid of workerPids) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
      } catch {
        // An fd closed while we looked.
      }
    }
  }
  throw new Error(`no worker of ${workerPids.join(', ')} holds the connection from port ${clientPort}`);
}

/** The inode of the established socket whose local port is the server's and remote port the client's. */
function serverSideInode(serverPort: number, clientPort: number): string {
  const hexPort = (p: number) => p.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      if (cols[1].endsWith(`:${hexPort(serverPort)}`) && cols[2].endsWith(`:${hexPort(clientPort)}`) && cols[3] === '01') return cols[9];
    }
  }
  throw new Error(`no established connection ${clientPort} → ${serverPort} in /proc/net/tcp`);
}
