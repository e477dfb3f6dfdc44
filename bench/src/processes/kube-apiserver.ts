/**
 * The real kube-apiserver beside kapi, on the run's etcd: the binary `scripts/ensure-kube-components.sh`
 * builds from the Kubernetes release at the pinned version, started the way kube's integration tests
 * start it (cmd/kube-apiserver/app/testing: secure port only, serving certificate, a client CA, a
 * service-account key pair, a service CIDR), with the bench's PKI. The bench talks to it with client
 * certificates: `admin` (system:masters) for setup and load, `reader` for the RBAC figure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { ClientTLS } from '../load/jobs';
import type { BenchPKI } from './bench-pki';
import { terminate, track } from './child-registry';
import { freePort } from './free-port';
import { repoRoot } from './kapi-server';

export interface KubeApiserver {
  /** The secure port's https URL (kube-apiserver has no insecure port). */
  readonly url: string;
  readonly pid: number;
  /** The certificate of a system:masters user, for setup requests and the load. */
  readonly admin: ClientTLS;
  rssBytes(): number;
  stop(): Promise<void>;
}

export interface KubeApiserverOptions {
  binary: string;
  etcdEndpoint: string;
  /** --etcd-prefix: each kube-apiserver under its own, so kapi's objects stay out of its cache and back. */
  etcdPrefix: string;
  pki: BenchPKI;
  /** --authorization-mode: AlwaysAllow for the throughput figures, Node,RBAC for the RBAC figure. */
  authorizationMode: string;
  label: string;
}

function kubeVersion(): string {
  const env = readFileSync(join(repoRoot, 'scripts', 'kube-version.env'), 'utf8');
  return /^KUBE_VERSION=(\S+)/m.exec(env)?.[1] ?? 'unknown';
}

/**
 * The kube-apiserver binary, or why there is none. A quick run never builds it (minutes on a cold Go
 * cache): it uses the binary when the pinned version is already built and skips the kube figures
 * otherwise. A full run calls the script, which builds it once into the component cache
 * (scripts/component-cache.sh: $KAPI_CACHE_DIR, else ~/.cache/kapi).
 */
export function locateKubeApiserver(quick: boolean): { binary?: string; version: string; reason?: string } {
  const version = kubeVersion();
  const cacheRoot = process.env.KAPI_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kapi');
  const cached = join(cacheRoot, 'kube', version, 'bin', 'kube-apiserver');
  if (quick && !existsSync(cached)) {
    return {
      version,
      reason: `kube-apiserver ${version} is not built (${cached}); run \`bash scripts/ensure-kube-components.sh kube-apiserver\` once (a few minutes), or a full run, which builds it`,
    };
  }
  const res = spawnSync('bash', [join(repoRoot, 'scripts', 'ensure-kube-components.sh'), 'kube-apiserver'], { cwd: repoRoot, encoding: 'utf8' });
  const binDir = res.stdout.trim().split('\n').pop() ?? '';
  const binary = join(binDir, 'kube-apiserver');
  if (res.status !== 0 || !existsSync(binary)) return { version, reason: `scripts/ensure-kube-components.sh kube-apiserver failed: ${(res.stderr ?? '').trim().slice(-500)}` };
  return { binary, version };
}

async function readyz(url: string, tls: ClientTLS): Promise<number> {
  const agent = new Agent({ connect: tls });
  try {
    const res = await request(`${url}/readyz`, { dispatcher: agent });
    await res.body.arrayBuffer();
    return res.statusCode;
  } catch {
    return 0;
  } finally {
    await agent.close();
  }
}

export async function startKubeApiserver(opts: KubeApiserverOptions, timeoutMs = 90_000): Promise<KubeApiserver> {
  const port = await freePort();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const saKey = opts.pki.file(`${opts.label}-sa.key`, privateKey);
  const saPub = opts.pki.file(`${opts.label}-sa.pub`, publicKey);
  const args = [
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${port}`,
    ...opts.pki.serverArgs,
    `--etcd-servers=${opts.etcdEndpoint}`,
    `--etcd-prefix=${opts.etcdPrefix}`,
    // The same bytes in etcd as kapi stores (JSON), so the LIST and memory fills can copy objects
    // straight into etcd; kube's default (protobuf) would save it some CPU per write and read.
    '--storage-media-type=application/json',
    `--authorization-mode=${opts.authorizationMode}`,
    `--service-account-key-file=${saPub}`,
    `--service-account-signing-key-file=${saKey}`,
    '--service-account-issuer=https://kubernetes.default.svc',
    '--service-cluster-ip-range=10.0.0.0/24',
    '--endpoint-reconciler-type=none',
    '--profiling=false',
    '--v=0',
  ];
  const child = spawn(opts.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let output = '';
  const collect = (c: Buffer) => (output = (output + c.toString()).slice(-8000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `https://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kube-apiserver (${opts.label}) exited with ${child.exitCode}:\n${output}`);
    if ((await readyz(url, opts.pki.admin)) === 200) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kube-apiserver (${opts.label}) not ready after ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // Keep draining its logs (klog at -v=0 writes little) without holding them.
  child.stdout!.removeListener('data', collect);
  child.stderr!.removeListener('data', collect);
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url,
    pid: child.pid!,
    admin: opts.pki.admin,
    rssBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    stop: () => terminate(child),
  };
}
