/**
 * Starts a real `etcd` for tests and benchmarks (no fakes stand in for etcd): free loopback ports,
 * a temp data dir, wait until /health answers, and clean up. kill() and restart() keep the data dir
 * so tests can lose etcd mid-run and bring the same member back, as an operator restarting it would.
 * Install the binary with scripts/ensure-etcd.sh (Debian's etcd-server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StartEtcdOptions {
  /** The etcd binary (default: `etcd` on PATH, or $ETCD_BIN). */
  binary?: string;
  /** How long to wait for /health after spawning (default 20 s). */
  startTimeoutMs?: number;
  /** etcd's own progress-notify interval, e.g. '1s' (default etcd's 10m). */
  progressNotifyInterval?: string;
  /** Extra command-line flags. */
  extraArgs?: string[];
  /** Serve clients over TLS only, requiring a client certificate signed by caFile (etcd's --client-cert-auth). */
  tls?: EtcdTLSFiles;
}

export interface EtcdTLSFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** A client certificate and key for the health probe. */
  clientCertFile: string;
  clientKeyFile: string;
}

export interface EtcdProcess {
  /** Client URL, e.g. http://127.0.0.1:41234 (https:// with `tls`) — what --etcd-servers takes. */
  readonly endpoint: string;
  readonly dataDir: string;
  /** Terminates etcd and removes its data dir. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILLs etcd, keeping the data dir for restart(). */
  kill(): Promise<void>;
  /** SIGSTOPs etcd: it holds its connections but answers nothing, like a hung or partitioned member. */
  pause(): void;
  /** SIGCONTs a paused etcd. */
  resume(): void;
  /** Starts etcd again on the same ports and data dir (stopping it gently first if it runs) and waits until healthy. */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A test that crashes must not leave etcd behind holding ports. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function healthy(endpoint: string, tls?: EtcdTLSFiles): Promise<boolean> {
  return new Promise((resolve) => {
    const get = tls ? httpsGet : httpGet;
    const options = tls ? { timeout: 1000, ca: readFileSync(tls.caFile), cert: readFileSync(tls.clientCertFile), key: readFileSync(tls.clientKeyFile) } : { timeout: 1000 };
    const req = get(`${endpoint}/health`, options, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(res.statusCode === 200 && /"health":\s*"true"/.test(body)));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startEtcd(opts: StartEtcdOptions = {}): Promise<EtcdProcess> {
  installExitHook();
  const binary = opts.binary ?? process.env.ETCD_BIN ?? 'etcd';
  const dataDir = mkdtempSync(join(tmpdir(), 'kapi-etcd-'));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const endpoint = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = [
    '--name',
    'kapi-test',
    '--data-dir',
    dataDir,
    '--listen-client-urls',
    endpoint,
    '--advertise-client-urls',
    endpoint,
    '--listen-peer-urls',
    peer,
    '--initial-advertise-peer-urls',
    peer,
    '--initial-cluster',
    `kapi-test=${peer}`,
    '--log-level',
    'error',
    '--logger',
    'zap',
    ...(opts.progressNotifyInterval ? ['--experimental-watch-progress-notify-interval', opts.progressNotifyInterval] : []),
    ...(opts.tls ? ['--cert-file', opts.tls.certFile, '--key-file', opts.tls.keyFile, '--trusted-ca-file', opts.tls.caFile, '--client-cert-auth'] : []),
    ...(opts.extraArgs ?? []),
  ];
  let child: ChildProcess | undefined;
  let stderr = '';

  const launch = async (): Promise<void> => {
    stderr = '';
    const proc = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    running.add(proc);
    proc.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    proc.once('exit', () => running.delete(proc));
    const spawnError = new Promise<Error>((resolve) => proc.once('error', resolve));
    const deadline = Date.now() + (opts.startTimeoutMs ?? 20000);
    for (;;) {
      const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
      if (failed) throw new Error(`cannot run ${binary} (install it with scripts/ensure-etcd.sh): ${failed.message}`);
      if (proc.exitCode !== null) throw new Error(`etcd exited with code ${proc.exitCode}: ${stderr}`);
      if (await healthy(endpoint, opts.tls)) return;
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`etcd at ${endpoint} not healthy after ${opts.startTimeoutMs ?? 20000} ms: ${stderr}`);
      }
    }
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    proc.kill('SIGCONT'); // a paused etcd cannot act on SIGTERM
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited(proc);
    clearTimeout(timer);
  };

  try {
    await launch();
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  return {
    endpoint,
    dataDir,
    async stop() {
      await terminate('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    kill: () => terminate('SIGKILL'),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async restart() {
      await terminate('SIGTERM');
      await launch();
    },
  };
}
