import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { kubeconfigFor } from '@kapi/controlplane';
import { startKapi, tempDir, type KapiProcess } from '../../support/kapi-process';
import { kubectl, type KubectlResult } from '../../support/kubectl';
import { testPKI } from '../../support/test-pki';
import { freePort } from '../../support/free-port';

/** The storage backends the suite can run on; `embedded` and `etcd3` are the ones kapi ships. */
export type BackendName = 'memory' | 'embedded' | 'etcd3';

/**
 * Backends to run, from $KAPI_COMPAT_BACKENDS (comma separated), default the two shipped ones.
 * CI runs the default; `KAPI_COMPAT_BACKENDS=memory` gives a quick local loop.
 */
export function compatBackends(): BackendName[] {
  const raw = process.env.KAPI_COMPAT_BACKENDS ?? 'embedded,etcd3';
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) if (!['memory', 'embedded', 'etcd3'].includes(n)) throw new Error(`KAPI_COMPAT_BACKENDS: unknown backend ${n}`);
  return names as BackendName[];
}

export interface KubectlOptions {
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** One `kapi server` process on one backend, with a kubeconfig written for it, as a user would have. */
export interface CompatServer {
  readonly backend: BackendName;
  readonly url: string;
  /** The kubeconfig file (cluster, user and context "kapi", namespace default). */
  readonly kubeconfig: string;
  /** A scratch directory removed with the server. */
  readonly scratch: string;
  /** kubectl's --cache-dir for this server. */
  readonly cacheDir: string;
  kubectl(args: string[], opts?: KubectlOptions): Promise<KubectlResult>;
  /** kubectl that must exit 0; resolves to stdout. */
  kubectlOk(args: string[], opts?: KubectlOptions): Promise<string>;
  /** Stops the process (SIGTERM) and starts a new one on the same port and the same data (data dir or etcd). */
  restart(): Promise<void>;
  /** Stops the server process only; `start()` brings it back on the same port and data. */
  stopProcess(): Promise<void>;
  start(): Promise<void>;
  /**
   * Another `kapi server` process on the same data (etcd, or the data dir — stop this one first for
   * embedded, whose data dir takes one process at a time), on its own port: a second apiserver or a
   * maintenance run that changes objects while this one's clients are not watching.
   */
  startSibling(): Promise<KapiProcess>;
  /** Everything the current process printed. */
  output(): string;
  /** Stops the server, its etcd, and removes temporary files. */
  close(): Promise<void>;
}

/** The kubeconfig a user of this server would have: the test CA, the admin's client certificate. */
async function writeKubeconfig(file: string, url: string): Promise<void> {
  const pki = await testPKI();
  writeFileSync(file, kubeconfigFor(url, 'kapi', 'default', { ca: pki.ca.certPEM, cert: pki.admin.certPEM, key: pki.admin.keyPEM }));
}

/** Starts etcd (for etcd3) and `kapi server` on a fixed free port so a restart keeps the URL. */
export async function startCompatServer(backend: BackendName, extraArgs: string[] = []): Promise<CompatServer> {
  const tmp = tempDir(`kapi-compat-${backend}-`);
  const scratch = path.join(tmp.dir, 'scratch');
  const kubeconfig = path.join(tmp.dir, 'kubeconfig');
  // kubectl caches discovery per host:port for hours; ports are reused across servers, so each server gets its own cache.
  const cacheDir = path.join(tmp.dir, 'kube-cache');
  let etcd: EtcdProcess | undefined;
  const backendArgs: string[] = ['--storage-backend', backend];
  if (backend === 'embedded') backendArgs.push('--data-dir', path.join(tmp.dir, 'data'));
  if (backend === 'etcd3') {
    etcd = await startEtcd();
    backendArgs.push('--etcd-servers', etcd.endpoint);
  }
  const port = await freePort();
  // The oracle is kube-apiserver alone: kube-controller-manager's root CA publisher (on in kapi by default) would add
  // kube-root-ca.crt to every namespace these tests list.
  const controllers = '--controllers=*,-root-ca-certificate-publisher-controller';
  const args = [...backendArgs, '--secure-port', String(port), controllers, ...extraArgs];
  let proc: KapiProcess | undefined;
  const start = async () => {
    proc = await startKapi(args);
  };
  try {
    await start();
  } catch (err) {
    await etcd?.stop();
    tmp.cleanup();
    throw err;
  }
  const url = proc!.url;
  await writeKubeconfig(kubeconfig, url);
  mkdirSync(scratch, { recursive: true });

  const run = (args: string[], opts: KubectlOptions = {}) => kubectl(url, [`--cache-dir=${cacheDir}`, ...args], { ...opts, env: { KUBECONFIG: kubeconfig, ...opts.env } });
  const stopProcess = async () => {
    const p = proc;
    proc = undefined;
    if (p) await p.stop();
  };
  return {
    backend,
    url,
    kubeconfig,
    scratch,
    cacheDir,
    kubectl: run,
    async kubectlOk(args, opts) {
      const r = await run(args, opts);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
      return r.stdout;
    },
    async restart() {
      await stopProcess();
      await start();
    },
    stopProcess,
    start,
    startSibling: () => startKapi([...backendArgs, controllers, ...extraArgs]),
    output: () => proc?.output() ?? '',
    async close() {
      await stopProcess();
      await etcd?.stop();
      tmp.cleanup();
    },
  };
}

/**
 * Declares `body` once per backend, each inside its own describe with one server started before
 * and closed after its tests: one server per backend per file keeps the suite's run time down.
 */
export function describeEachBackend(title: string, body: (server: () => CompatServer) => void, opts: { serverArgs?: string[] } = {}): void {
  for (const backend of compatBackends()) {
    describe(`${title} [${backend}]`, function () {
      this.timeout(120_000);
      let server: CompatServer | undefined;
      before(async function () {
        this.timeout(60_000);
        server = await startCompatServer(backend, opts.serverArgs);
      });
      after(async () => {
        await server?.close();
      });
      body(() => {
        if (!server) throw new Error('compat server not started');
        return server;
      });
    });
  }
}
