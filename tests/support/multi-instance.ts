import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { newServingCertificate } from '@kapi/apiserver-core';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { readJSON, type Json } from './http';
import { startKapi, type KapiProcess } from './kapi-process';
import { testPKI } from './test-pki';
import { freePort } from './free-port';

/**
 * Several `kapi server` processes on one real etcd, as kube-apiservers behind a load balancer: each
 * instance listens on its own loopback address (127.0.0.2, 127.0.0.3 …) on one shared port and
 * advertises that address, so the `kubernetes` Endpoints can name them all with one port, as kube's
 * lease endpoint reconciler requires. Each has its own host name (KAPI_HOSTNAME), as apiservers on
 * different machines would, so their identity Leases differ.
 */
export interface Instance {
  /** 'a', 'b', 'c' … */
  name: string;
  /** The loopback address it binds and advertises. */
  ip: string;
  url: string;
  proc: KapiProcess;
  /** Whether the test killed or stopped it. */
  gone: boolean;
}

export interface Cluster {
  etcd: EtcdProcess;
  port: number;
  instances: Instance[];
  /** The ones not killed. */
  live(): Instance[];
  /** SIGKILL one instance: no shutdown work of its own, as a crashed machine. */
  kill(i: Instance): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances?: number;
  /** Flags every instance gets after the cluster's own (to shorten intervals). */
  args?: string[];
  /** An etcd the caller owns (kept running by stop()). */
  etcd?: EtcdProcess;
}

/** A serving certificate of the test CA naming every instance's address. */
async function servingArgs(ips: string[]): Promise<string[]> {
  const pki = await testPKI();
  const pair = await newServingCertificate(pki.ca, ['localhost', '127.0.0.1', ...ips]);
  const cert = path.join(pki.dir, `multi-${ips.join('_')}.crt`);
  const key = path.join(pki.dir, `multi-${ips.join('_')}.key`);
  writeFileSync(cert, pair.certPEM, { mode: 0o600 });
  writeFileSync(key, pair.keyPEM, { mode: 0o600 });
  return ['--tls-cert-file', cert, '--tls-private-key-file', key];
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const n = opts.instances ?? 3;
  const etcd = opts.etcd ?? (await startEtcd());
  const ips = Array.from({ length: n }, (_, i) => `127.0.0.${i + 2}`);
  const port = await freePort(ips[0]);
  const tls = await servingArgs(ips);
  const start = (ip: string, i: number) => {
    const name = String.fromCharCode(97 + i);
    return startKapi(
      [...tls, '--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint, '--bind-address', ip, '--advertise-address', ip, '--secure-port', String(port), ...(opts.args ?? [])],
      60_000,
      { env: { KAPI_HOSTNAME: `kapi-${name}` } },
    ).then((proc): Instance => ({ name, ip, url: proc.url, proc, gone: false }));
  };
  const instances: Instance[] = [];
  try {
    // The first creates what every instance shares (system namespaces, the service account key in
    // the shared data dir); the others start together once it serves.
    instances.push(await start(ips[0], 0));
    instances.push(...(await Promise.all(ips.slice(1).map((ip, i) => start(ip, i + 1)))));
  } catch (err) {
    await Promise.all(instances.map((i) => i.proc.kill()));
    if (!opts.etcd) await etcd.stop();
    throw err;
  }
  return {
    etcd,
    port,
    instances,
    live: () => instances.filter((i) => !i.gone),
    async kill(i) {
      i.gone = true;
      await i.proc.kill();
    },
    async stop() {
      await Promise.all(instances.map((i) => i.proc.kill()));
      if (!opts.etcd) await etcd.stop();
    },
  };
}

/** One JSON request to an instance; throws with the Status on a failure code. */
export async function request(url: string, method = 'GET', body?: unknown): Promise<Json> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await readJSON(res);
  if (!res.ok) throw Object.assign(new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`), { status: res.status, body: json });
  return json;
}
