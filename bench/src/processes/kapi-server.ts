/**
 * A kapi server in its own process, from the built CLI (packages/cli/bin/kapi.js), on a port picked
 * beforehand. Resolves once it prints "kapi: serving on URL".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { terminate, track } from './child-registry';
import { freePort } from './free-port';

export const repoRoot = join(__dirname, '..', '..', '..');
export const kapiBin = join(repoRoot, 'packages', 'cli', 'bin', 'kapi.js');

export interface KapiServerOptions {
  backend: 'memory' | 'embedded' | 'etcd3';
  etcdEndpoint?: string;
  watchCache?: boolean;
  /** Write a V8 CPU profile of the server into this directory when it exits. */
  cpuProfDir?: string;
  /** Label of the profile file, e.g. "etcd-cached". */
  label: string;
  /** Open the inspector on a loopback port (the memory figure forces GCs through it). */
  inspect?: boolean;
  /** --etcd-prefix, to keep one server's objects out of another's cache. */
  etcdPrefix?: string;
  /**
   * Serve the secure port on a known port with these TLS flags (--tls-cert-file, --tls-private-key-file,
   * --client-ca-file), for figures that load it; otherwise it starts on a free port with its generated PKI.
   */
  tlsArgs?: string[];
  /** --authorization-mode (kapi's default, Node,RBAC, when absent). */
  authorizationMode?: string;
  /** --workers N (etcd only): N serving processes behind the same ports. */
  workers?: number;
  /** The secure port, when it must be known before the server starts (with `tlsArgs`). */
  securePort?: number;
  /** Any further `kapi server` flags (the aggregation figure's front-proxy and delegation flags). */
  extraArgs?: string[];
}

export interface KapiServer {
  /** The insecure port (plain HTTP, system:unsecured in system:masters): the bench's own requests go here. */
  readonly url: string;
  /** The secure port's https URL, when started with `tlsArgs`. */
  readonly secureUrl?: string;
  readonly pid: number;
  /** The processes that serve: the workers with --workers N, else the server itself. */
  readonly servingPids: number[];
  /** performance.now() when the process was spawned. */
  readonly spawnedAt: number;
  /** The inspector's WebSocket URL when started with `inspect`. */
  readonly inspectorUrl?: string;
  /** Resident set size of the server process now (VmRSS). */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Spawns the server without waiting for it (startup timing polls /readyz itself). */
export async function spawnKapi(opts: KapiServerOptions): Promise<{ child: ChildProcess; url: string; secureUrl?: string; spawnedAt: number; cleanup: () => void }> {
  const port = await freePort();
  const securePort = opts.tlsArgs ? (opts.securePort ?? (await freePort())) : 0;
  // Every backend gets a data dir: the embedded files, and for all the generated PKI and admin.kubeconfig.
  const dataDir = mkdtempSync(join(tmpdir(), 'kapi-bench-data-'));
  // Most figures load the explicit insecure port (plain HTTP, like the bare koa baseline); the secure
  // port still starts (on a free port, with its generated PKI) as it would in production. The
  // secure-port figures give it a known port and their own certificates.
  const args = ['server', '--storage-backend', opts.backend, '--bind-address', '127.0.0.1', '--secure-port', String(securePort), '--port', String(port)];
  if (opts.tlsArgs) args.push(...opts.tlsArgs);
  if (opts.authorizationMode) args.push('--authorization-mode', opts.authorizationMode);
  if (opts.etcdEndpoint) args.push('--etcd-servers', opts.etcdEndpoint);
  args.push('--data-dir', dataDir);
  if (opts.watchCache === false) args.push('--watch-cache=false');
  if (opts.etcdPrefix) args.push('--etcd-prefix', opts.etcdPrefix);
  if (opts.workers) args.push('--workers', String(opts.workers));
  if (opts.extraArgs) args.push(...opts.extraArgs);
  const nodeArgs = opts.inspect ? ['--inspect=127.0.0.1:0'] : [];
  // With --workers every process inherits these flags: the workers and the primary keep Node's default
  // names (they hold the pid) instead of overwriting one file.
  const profName = opts.workers && opts.workers > 1 ? [] : ['--cpu-prof-name', `kapi-${opts.label}-${Date.now()}.cpuprofile`];
  if (opts.cpuProfDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir, ...profName);
  const spawnedAt = performance.now();
  // The plain CLI from dist: no tsx, no kapi-source condition, as a user would run it.
  const env = { ...process.env, NODE_OPTIONS: '' };
  const child = spawn(process.execPath, [...nodeArgs, kapiBin, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  const secureUrl = opts.tlsArgs ? `https://127.0.0.1:${securePort}` : undefined;
  return { child, url: `http://127.0.0.1:${port}`, secureUrl, spawnedAt, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function startKapi(opts: KapiServerOptions, timeoutMs = 60_000): Promise<KapiServer> {
  const { child, url, secureUrl, spawnedAt, cleanup } = await spawnKapi(opts);
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kapi (${opts.label}) not serving after ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (c: Buffer) => {
        output = (output + c.toString()).slice(-8000);
        if (output.includes('kapi: serving on ')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-8000)));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`kapi (${opts.label}) exited with ${code} before serving:\n${output}`));
      });
    });
  } catch (err) {
    child.kill('SIGKILL');
    cleanup();
    throw err;
  }
  // kapi logs a line per request: keep draining its output (a full pipe would stall it) but stop
  // collecting it, so the bench's own process does not pay for the server's logs.
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.resume();
  const inspectorUrl = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(output)?.[0];
  const workerPids = /workers, pids ([\d ]+),/.exec(output)?.[1].split(' ').map(Number);
  if (opts.inspect && !inspectorUrl) {
    child.kill('SIGKILL');
    cleanup();
    throw new Error(`kapi (${opts.label}): no inspector URL in its output:\n${output}`);
  }
  return {
    url,
    secureUrl,
    inspectorUrl,
    pid: child.pid!,
    servingPids: workerPids ?? [child.pid!],
    spawnedAt,
    rssBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    async stop() {
      await terminate(child);
      cleanup();
    },
  };
}
