import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { clientNode, type ClientNode, type KubeConfig } from './client-node';

type V1CustomResourceDefinition = InstanceType<ClientNode['V1CustomResourceDefinition']>;

/** The CustomResourceDefinitions in a folder's .yaml, .yml and .json files (multi-document YAML too), in file-name order. */
export function readCRDDirectory(dir: string): V1CustomResourceDefinition[] {
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const crds: V1CustomResourceDefinition[] = [];
  for (const file of files) {
    const docs = loadAll(readFileSync(path.join(dir, file), 'utf8')).filter((d) => d !== null && d !== undefined);
    for (const doc of docs as { apiVersion?: string; kind?: string }[]) {
      // envtest's CRDInstallOptions fails on what it cannot install; so does the kit, naming the file.
      if (doc.kind !== 'CustomResourceDefinition' || doc.apiVersion !== 'apiextensions.k8s.io/v1') {
        throw new Error(`${path.join(dir, file)}: expected apiextensions.k8s.io/v1 CustomResourceDefinition, found ${doc.apiVersion ?? '?'} ${doc.kind ?? '?'}`);
      }
      crds.push(doc as V1CustomResourceDefinition);
    }
  }
  return crds;
}

/**
 * Creates the CRDs and waits until every one is Established (its API is served), as envtest's
 * WaitForCRDs does; a CRD whose names are refused (NamesAccepted False) fails with its message.
 */
export async function installCRDs(kc: KubeConfig, crds: V1CustomResourceDefinition[], timeoutMs = 10_000): Promise<void> {
  const api = kc.makeApiClient((await clientNode()).ApiextensionsV1Api);
  for (const body of crds) await api.createCustomResourceDefinition({ body });
  const deadline = Date.now() + timeoutMs;
  for (const crd of crds) {
    const name = crd.metadata?.name ?? '';
    for (;;) {
      const got = await api.readCustomResourceDefinition({ name });
      const conditions = got.status?.conditions ?? [];
      if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) break;
      const refused = conditions.find((c) => c.type === 'NamesAccepted' && c.status === 'False');
      if (refused) throw new Error(`CustomResourceDefinition ${name}: ${refused.message ?? refused.reason}`);
      if (Date.now() > deadline) throw new Error(`CustomResourceDefinition ${name} was not established within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
