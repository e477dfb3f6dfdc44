/** @kubernetes/client-node 1.x is ESM only; this CommonJS package loads it with a real dynamic import (module node16 keeps it one). */
export type ClientNode = typeof import('@kubernetes/client-node', { with: { 'resolution-mode': 'import' }});
export type KubeConfig = InstanceType<ClientNode['KubeConfig']>;

let loaded: Promise<ClientNode> | undefined;

export function clientNode(): Promise<ClientNode> {
  return (loaded ??= import('@kubernetes/client-node'));
}

/** A client-node KubeConfig from kubeconfig YAML. */
export async function loadKubeConfig(yaml: string): Promise<KubeConfig> {
  const kc = new (await clientNode()).KubeConfig();
  kc.loadFromString(yaml);
  return kc;
}
