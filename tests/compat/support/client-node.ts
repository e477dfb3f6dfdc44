import type { CompatServer } from './compat-server';

/**
 * @kubernetes/client-node 1.x is ESM-only: a real dynamic import (tsconfig "module": "node16" keeps
 * `import()` in CommonJS output) loads it once.
 */
const loadClientNode = () => import('@kubernetes/client-node');
export type ClientNode = Awaited<ReturnType<typeof loadClientNode>>;

let loaded: Promise<ClientNode> | undefined;
export function clientNode(): Promise<ClientNode> {
  loaded ??= loadClientNode();
  return loaded;
}

/** Clients configured from the server's kubeconfig file, the way an application loads its kubeconfig. */
export async function clientsFor(server: CompatServer) {
  const k8s = await clientNode();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(server.kubeconfig);
  return {
    k8s,
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    objects: k8s.KubernetesObjectApi.makeApiClient(kc),
  };
}
export type Clients = Awaited<ReturnType<typeof clientsFor>>;
/** client-node's V1ConfigMap, named without a type import of the ESM package. */
export type ConfigMapObject = Awaited<ReturnType<Clients['core']['readNamespacedConfigMap']>>;

/** The Status a client-node ApiException carries (its body is the response text). */
export async function apiError(p: Promise<unknown>): Promise<{ code: number; status: { reason?: string; code?: number; message?: string } }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: number; body?: unknown };
    if (typeof e.code !== 'number') throw err;
    const status = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, status };
  }
  throw new Error('expected the request to fail');
}
