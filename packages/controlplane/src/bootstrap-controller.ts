import { isCreater, isStatusError, type APIGroupInfo } from '@kapi/apiserver-core';

/** The namespaces every cluster has (controlplane's system namespaces). */
export const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * The bootstrap controller's post-start work: create the system namespaces through the namespaces
 * storage the Instance installed (AlreadyExists is fine: they survive restarts on durable storage).
 */
export async function ensureSystemNamespaces(legacy: APIGroupInfo | undefined): Promise<void> {
  const storage = legacy?.versionedResourcesStorageMap.v1?.namespaces;
  if (!storage || !isCreater(storage)) return;
  // Created together: four serial writes were four storage commits that /readyz waited for one after another.
  await Promise.all(
    systemNamespaces.map(async (name) => {
      try {
        await storage.create({}, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, undefined, {});
      } catch (err) {
        if (!(isStatusError(err) && err.reason === 'AlreadyExists')) throw err;
      }
    }),
  );
}
