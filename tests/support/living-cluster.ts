import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newCertificateAuthority } from '@kapi/apiserver-core';
import { eventually } from './eventually';
import { startKapi, type KapiProcess } from './kapi-process';
import { repeatedErrors, simulatedNode, startKubeControllerManager, startKubeScheduler, startKwok, type ComponentProcess } from './kube-components';
import { kubectl, kubectlOk } from './kubectl';
import { testPKI } from './test-pki';

/**
 * A whole cluster without containers, as kubeadm lays one out: `kapi server` with a front-proxy CA
 * (the --requestheader-* flags every kubeadm API server has), a service-account key shared with
 * the controller-manager, the real kube-controller-manager and kube-scheduler, and kwok keeping
 * simulated nodes Ready and running the pods bound to them.
 */
export interface LivingCluster {
  kapi: KapiProcess;
  url: string;
  components: ComponentProcess[];
  nodes: string[];
  kubectl(args: string[], input?: string, timeoutMs?: number): Promise<string>;
  /** Error lines a component repeated (its own problems with kapi's answers), by component. */
  repeatedErrors(): Record<string, Array<{ line: string; count: number }>>;
  /** Components that exited (the controller-manager exits when it loses its lease, for one). */
  exited(): string[];
  stop(): Promise<void>;
}

export interface LivingClusterOptions {
  /** kapi's storage flags; default the embedded backend in a scratch directory. */
  storageArgs?: string[];
  nodes?: number;
  /** A kwok config of Stages replacing kwok's default stages of the kinds it names (tests/support/kwok-stages.ts). */
  kwokConfig?: string;
}

let clusterFiles: Promise<{ frontProxyCAFile: string; saKeyFile: string }> | undefined;

/** The files a kubeadm control plane shares between its parts: the front-proxy CA and the service-account key. */
function sharedClusterFiles(): Promise<{ frontProxyCAFile: string; saKeyFile: string }> {
  clusterFiles ??= (async () => {
    const pki = await testPKI();
    const frontProxy = await newCertificateAuthority('front-proxy-ca');
    const frontProxyCAFile = path.join(pki.dir, 'front-proxy-ca.crt');
    writeFileSync(frontProxyCAFile, frontProxy.certPEM, { mode: 0o600 });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const saKeyFile = path.join(pki.dir, 'sa.key');
    writeFileSync(saKeyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
    return { frontProxyCAFile, saKeyFile };
  })();
  return clusterFiles;
}

/** kapi's in-process controllers that are kube-controller-manager's job in a real cluster, turned off. */
const kubeApiserverLoopsOnly = [
  '*',
  ...[
    'garbage-collector-controller',
    'namespace-controller',
    'serviceaccount-controller',
    'clusterrole-aggregation-controller',
    'legacy-serviceaccount-token-cleaner-controller',
    'root-ca-certificate-publisher-controller',
  ].map((c) => `-${c}`),
].join(',');

export async function startLivingCluster(opts: LivingClusterOptions = {}): Promise<LivingCluster> {
  const pki = await testPKI();
  const { frontProxyCAFile, saKeyFile } = await sharedClusterFiles();
  const dataDir = path.join(pki.dir, `cluster-${Date.now()}`);
  const kapi = await startKapi(
    [
      ...(opts.storageArgs ?? ['--storage-backend', 'embedded']),
      '--data-dir',
      dataDir,
      // As kube-apiserver in a kubeadm cluster: kube-controller-manager runs the controllers, kapi only
      // kube-apiserver's own loops; its garbage collector removes the orphan and foregroundDeletion finalizers.
      `--controllers=${kubeApiserverLoopsOnly}`,
      '--enable-garbage-collector=true',
      `--service-account-signing-key-file=${saKeyFile}`,
      `--requestheader-client-ca-file=${frontProxyCAFile}`,
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-username-headers=X-Remote-User',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    ],
    120_000,
  );
  const components: ComponentProcess[] = [];
  const stopAll = async () => {
    await Promise.all(components.map((c) => c.stop()));
    await kapi.stop();
    // KAPI_CLUSTER_LOGS=<dir> keeps every process's log for reading after the run.
    const logs = process.env.KAPI_CLUSTER_LOGS;
    if (logs) {
      mkdirSync(logs, { recursive: true });
      for (const p of [{ name: 'kapi', output: kapi.output }, ...components]) writeFileSync(path.join(logs, `${p.name}.log`), p.output());
    }
  };
  try {
    components.push(await startKubeControllerManager(kapi.url, { serviceAccountKeyFile: saKeyFile }));
    components.push(await startKubeScheduler(kapi.url));
    components.push(await startKwok(kapi.url, opts.kwokConfig));
    const nodes = Array.from({ length: opts.nodes ?? 2 }, (_, i) => `kwok-node-${i}`);
    for (const n of nodes) await kubectlOk(kapi.url, ['create', '-f', '-'], { input: JSON.stringify(simulatedNode(n)) });
    // kwok reports the nodes Ready; the controller-manager's node lifecycle controller then lifts the not-ready taint.
    await eventually(
      async () => {
        const out = await kubectlOk(kapi.url, [
          'get',
          'nodes',
          '-o',
          'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status};{.spec.taints}{"\\n"}{end}',
        ]);
        const lines = out.trim().split('\n');
        if (lines.length !== nodes.length || lines.some((l) => !l.includes('=True;') || l.includes('not-ready'))) throw new Error(`nodes not Ready yet:\n${out}`);
      },
      90_000,
      500,
    );
    return {
      kapi,
      url: kapi.url,
      components,
      nodes,
      kubectl: (args, input, timeoutMs) => kubectlOk(kapi.url, args, { input, timeoutMs }),
      repeatedErrors: () => Object.fromEntries(components.map((c) => [c.name, repeatedErrors(c.output())]).filter(([, e]) => e.length)),
      exited: () => components.filter((c) => c.proc.exitCode !== null || c.proc.signalCode !== null).map((c) => `${c.name} (${c.proc.exitCode ?? c.proc.signalCode})`),
      stop: stopAll,
    };
  } catch (err) {
    const logs = components.map((c) => `--- ${c.name}\n${c.output().split('\n').slice(-40).join('\n')}`).join('\n');
    await stopAll();
    throw new Error(`${(err as Error).message}\n${logs}`);
  }
}

/** kubectl that may fail: for polling commands whose failure is part of the wait. */
export { kubectl };
