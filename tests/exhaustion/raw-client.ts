import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { testPKI } from '../support/test-pki';

/** Resident set size of a process in KiB, from /proc/<pid>/status. */
export function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/**
 * How many client sockets this process may open with room to spare: the soft RLIMIT_NOFILE (Node
 * cannot raise it) minus what is open already and a margin for the rest of the test run.
 */
export function socketBudget(wanted: number, margin = 400): number {
  const soft = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  const limit = soft ? Number(soft[1]) : 1024;
  return Math.max(0, Math.min(wanted, limit - openFds() - margin));
}

function openFds(): number {
  try {
    return require('node:fs').readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

export interface RawConnection {
  socket: tls.TLSSocket;
  /** Everything received so far. */
  received(): string;
  /** Resolves when the server has closed (or reset) the connection. */
  closed: Promise<void>;
}

export interface ConnectOptions {
  /** Present the test admin certificate. */
  asAdmin?: boolean;
  /** A TLS session to resume: thousands of handshakes stay cheap. */
  session?: Buffer;
}

/** A TLS connection to the server that the test drives byte by byte. */
export async function connectRaw(url: string, opts: ConnectOptions = {}): Promise<RawConnection> {
  const pki = await testPKI();
  const { hostname, port } = new URL(url);
  const socket = tls.connect({
    host: hostname,
    port: Number(port),
    ca: pki.ca.certPEM,
    servername: hostname === '127.0.0.1' ? undefined : hostname,
    ...(opts.asAdmin ? { cert: pki.admin.certPEM, key: pki.admin.keyPEM } : {}),
    session: opts.session,
    ALPNProtocols: ['http/1.1'],
  });
  const chunks: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => chunks.push(d));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => chunks.join(''), closed };
}

/** A TLS session ticket from one full handshake, for connectRaw({ session }). */
export async function sessionOf(url: string, asAdmin = false): Promise<Buffer | undefined> {
  const c = await connectRaw(url, { asAdmin });
  const session = await new Promise<Buffer | undefined>((resolve) => {
    c.socket.once('session', resolve);
    c.socket.write('GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    setTimeout(() => resolve(undefined), 2000);
  });
  c.socket.destroy();
  return session;
}

/** Opens `count` connections, `parallel` at a time; each is passed to `setup` once connected. */
export async function openMany(
  count: number,
  parallel: number,
  connect: () => Promise<RawConnection>,
  setup: (c: RawConnection, i: number) => void = () => undefined,
): Promise<RawConnection[]> {
  const out: RawConnection[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const c = await connect();
      setup(c, i);
      out.push(c);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return out;
}

/** Time of a plain authenticated GET through the global (admin) dispatcher, with its status. */
export async function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
