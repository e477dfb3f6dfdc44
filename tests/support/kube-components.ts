import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newClientCertificate } from '@kapi/apiserver-core';
import { kubeconfigFor } from '@kapi/controlplane';
import { repoRoot } from './kapi-process';
import { testPKI } from './test-pki';
import { freePort } from './free-port';

/**
 * The real kube-controller-manager and kube-scheduler, and kwok's simulated nodes, started as
 * their own processes against a kapi a test started: each with its own client certificate of the
 * test CA (the identity kubeadm gives it), leader election on, and — for the two Kubernetes
 * components — a secure port whose authentication and authorization are delegated to kapi through
 * TokenReview and SubjectAccessReview, exactly as in a kubeadm cluster.
 */

export interface ComponentProcess {
  name: string;
  proc: ChildProcess;
  /** Everything the process printed so far (klog writes to stderr). */
  output(): string;
  /** The port of its secure (HTTPS) serving, where it has one. */
  securePort?: number;
  stop(): Promise<void>;
}

/** The bin directory of kube-controller-manager and kube-scheduler, built at KUBE_COMPONENTS_VERSION on first use. */
export function kubeComponentsBin(): string {
  const out = execFileSync(path.join(repoRoot, 'scripts/ensure-kube-components.sh'), ['kube-controller-manager', 'kube-scheduler'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 60 * 60_000,
  });
  return out.trim().split('\n').pop()!;
}

/** The kwok binary, built on first use. */
export function kwokBinary(): string {
  const out = execFileSync(path.join(repoRoot, 'scripts/ensure-kwok.sh'), [], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 30 * 60_000,
  });
  return out.trim().split('\n').pop()!;
}

/** A kubeconfig file for `url` authenticating as `user` in `groups` with a fresh certificate of the test CA. */
export async function componentKubeconfig(url: string, user: string, groups: string[] = []): Promise<string> {
  const pki = await testPKI();
  const pair = await newClientCertificate(pki.ca, user, groups);
  const file = path.join(pki.dir, `${user.replace(/[^A-Za-z0-9_.-]/g, '_')}-${Date.now()}.kubeconfig`);
  writeFileSync(file, kubeconfigFor(url, 'kapi', 'default', { ca: pki.ca.certPEM, cert: pair.certPEM, key: pair.keyPEM }), { mode: 0o600 });
  return file;
}

/** The test CA's private key as a file: the csrsigning controller signs with the cluster CA. */
export async function caKeyFile(): Promise<string> {
  const pki = await testPKI();
  const file = path.join(pki.dir, 'ca.key');
  writeFileSync(file, pki.ca.keyPEM, { mode: 0o600 });
  return file;
}

function spawnComponent(name: string, bin: string, args: string[], securePort?: number): ComponentProcess {
  const proc = spawn(bin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    name,
    proc,
    securePort,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface KubeControllerManagerOptions {
  /** --controllers; default every controller kube enables by default. */
  controllers?: string;
  /** The service-account signing key kapi uses, so the legacy token controller signs as kapi verifies. */
  serviceAccountKeyFile?: string;
  extraArgs?: string[];
}

/** The flags every Kubernetes component gets here: delegated authn/authz through kapi, leader election on. */
function commonArgs(kubeconfig: string, securePort: number, certDir: string): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    `--secure-port=${securePort}`,
    '--bind-address=127.0.0.1',
    `--cert-dir=${certDir}`,
    // kube's default lease timings: each test starts a fresh kapi, so no old holder is waited for.
    '--leader-elect=true',
    '--v=2',
  ];
}

/**
 * The Kubernetes minor kapi serves (KUBE_VERSION of scripts/kube-version.env, e.g. "1.32"). Newer
 * components are run with `--emulated-version=kube=<it>` (compatibility versions, KEP-4330): their
 * feature gates then take that release's defaults, so they call only APIs that release serves
 * (no resource.k8s.io/v1 for DRA, networking.k8s.io/v1 ServiceCIDRs, storage.k8s.io/v1
 * VolumeAttributesClasses), as during a control-plane upgrade that has not reached the API server.
 */
export function servedKubeMinor(): string {
  const env = readFileSync(path.join(repoRoot, 'scripts/kube-version.env'), 'utf8');
  const m = /^KUBE_VERSION=v(\d+\.\d+)\./m.exec(env);
  if (!m) throw new Error('scripts/kube-version.env names no KUBE_VERSION');
  return m[1];
}

/** The flag for components of `bin` (<cache>/kube/<version>/bin) newer than the served minor; none for the same minor. */
export function emulationArgs(bin: string): string[] {
  const built = /v(\d+\.\d+)\.\d+$/.exec(path.basename(path.dirname(bin)))?.[1];
  return built && built !== servedKubeMinor() ? [`--emulated-version=kube=${servedKubeMinor()}`] : [];
}

export async function startKubeControllerManager(url: string, opts: KubeControllerManagerOptions = {}): Promise<ComponentProcess> {
  const pki = await testPKI();
  const bin = kubeComponentsBin();
  const kubeconfig = await componentKubeconfig(url, 'system:kube-controller-manager');
  const port = await freePort();
  const certDir = path.join(pki.dir, `kcm-${port}`);
  const args = [
    ...commonArgs(kubeconfig, port, certDir),
    '--use-service-account-credentials=true',
    `--controllers=${opts.controllers ?? '*'}`,
    `--root-ca-file=${pki.caFile}`,
    `--cluster-signing-cert-file=${pki.caFile}`,
    `--cluster-signing-key-file=${await caKeyFile()}`,
    ...(opts.serviceAccountKeyFile ? [`--service-account-private-key-file=${opts.serviceAccountKeyFile}`] : []),
    // Nodes are simulated: nothing allocates their pod CIDRs, and no cloud provider owns them.
    '--allocate-node-cidrs=false',
    // A simulated node that stops renewing its Lease is gone at once in a test, not after 40 s.
    '--node-monitor-grace-period=20s',
    ...emulationArgs(bin),
    ...(opts.extraArgs ?? []),
  ];
  return spawnComponent('kube-controller-manager', path.join(bin, 'kube-controller-manager'), args, port);
}

export async function startKubeScheduler(url: string, extraArgs: string[] = []): Promise<ComponentProcess> {
  const pki = await testPKI();
  const bin = kubeComponentsBin();
  const kubeconfig = await componentKubeconfig(url, 'system:kube-scheduler');
  const port = await freePort();
  const args = [...commonArgs(kubeconfig, port, path.join(pki.dir, `scheduler-${port}`)), ...emulationArgs(bin), ...extraArgs];
  return spawnComponent('kube-scheduler', path.join(bin, 'kube-scheduler'), args, port);
}

/**
 * kwok managing every Node that carries the `kwok.x-k8s.io/node: fake` annotation, with its
 * default stages: nodes initialised Ready and heartbeated through Leases, bound pods moved to
 * Running and Ready with a pod IP, Job pods completed, graceful deletions finished. `configFile`, a
 * kwok config of Stages, replaces the default stages of the kinds it names (tests/support/kwok-stages.ts).
 */
export async function startKwok(url: string, configFile?: string): Promise<ComponentProcess> {
  const kubeconfig = await componentKubeconfig(url, 'kwok-controller', ['system:masters']);
  const args = [
    `--kubeconfig=${kubeconfig}`,
    '--manage-all-nodes=false',
    `--manage-nodes-with-annotation-selector=${simulatedNodeAnnotation}=fake`,
    '--node-lease-duration-seconds=40',
    '--cidr=10.244.0.0/16',
    '--node-ip=10.96.0.2',
    ...(configFile ? [`--config=${configFile}`] : []),
  ];
  return spawnComponent('kwok', kwokBinary(), args);
}

export const simulatedNodeAnnotation = 'kwok.x-k8s.io/node';

/** A Node kwok simulates: schedulable, with room for plenty of pods. */
export function simulatedNode(name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [simulatedNodeAnnotation]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
    },
    spec: {},
    status: {
      allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
      capacity: { cpu: '32', memory: '256Gi', pods: '110' },
      nodeInfo: { architecture: 'amd64', kubeletVersion: 'fake', kubeProxyVersion: 'fake', operatingSystem: 'linux' },
      phase: 'Running',
    },
  };
}

/** klog's header: severity letter, MMDD, time, thread id, file:line]. */
const klogLine = /^([EWIF])\d{4} [\d:.]+\s+\d+ ([^\]]+)\] (.*)$/;

/**
 * Error lines (klog severity E) that repeat at least `minRepeats` times, with their counts. The
 * file:line and the message with numbers masked identify a line, so the same failure at other
 * times or for other objects counts once. A component that keeps failing against kapi repeats.
 */
export function repeatedErrors(output: string, minRepeats = 3): Array<{ line: string; count: number }> {
  const counts = new Map<string, { line: string; count: number }>();
  for (const raw of output.split('\n')) {
    const m = klogLine.exec(raw);
    if (!m || m[1] !== 'E') continue;
    // A 409 Conflict is kapi answering correctly: the controller wrote from a cache older than the
    // object (optimistic concurrency), which kube's controllers expect and retry.
    if (m[3].includes('the object has been modified; please apply your changes to the latest version')) continue;
    // A resource whose CRD a scenario deleted keeps the GC's and quota's metadata informers listing it
    // (404) until their discovery resync (30 s) drops them, as on kube; a resource kapi wrongly lost
    // would not be listed by discovery either, and is caught by the scenarios themselves.
    if (m[3].includes('failed to list *v1.PartialObjectMetadata: the server could not find the requested resource')) continue;
    const key = `${m[2]} ${m[3].replace(/\d+/g, 'N')}`;
    const entry = counts.get(key) ?? { line: raw, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].filter((e) => e.count >= minRepeats).sort((a, b) => b.count - a.count);
}
