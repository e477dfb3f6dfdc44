import { isGetter, isLister, isStatusError, parseFieldSelector, parseLabelSelector, type APIGroupInfo, type KObject, type Storage } from '@kapi/apiserver-core';
import type { NodeGraphSource } from './graph';

/**
 * The Node authorizer's view of the cluster, read from the installed core group's storages
 * (`Instance.groups`). `groups` is asked at each lookup: the authorizer is built before the APIs
 * are installed. Reads ask for resourceVersion "0", served from the watch cache as kube's graph
 * is fed by informers.
 */
export function nodeGraphSourceFromGroups(groups: () => ReadonlyMap<string, APIGroupInfo> | undefined): NodeGraphSource {
  const storage = (group: string, version: string, resource: string): Storage | undefined => groups()?.get(group)?.versionedResourcesStorageMap[version]?.[resource];
  const get = async (group: string, version: string, resource: string, namespace: string, name: string): Promise<KObject | undefined> => {
    const s = storage(group, version, resource);
    if (!s || !isGetter(s)) return undefined;
    try {
      return await s.get({ namespace: namespace || undefined }, name, { resourceVersion: '0' });
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return undefined;
      throw err;
    }
  };
  return {
    async podsOnNode(nodeName) {
      const pods = storage('', 'v1', 'pods');
      if (!pods || !isLister(pods)) return [];
      const list = await pods.list(
        {},
        {
          labelSelector: parseLabelSelector(''),
          fieldSelector: parseFieldSelector(`spec.nodeName=${nodeName}`),
          resourceVersion: '0',
        },
      );
      return list.items;
    },
    getPersistentVolumeClaim: (namespace, name) => get('', 'v1', 'persistentvolumeclaims', namespace, name),
    getPersistentVolume: (name) => get('', 'v1', 'persistentvolumes', '', name),
    getVolumeAttachment: (name) => get('storage.k8s.io', 'v1', 'volumeattachments', '', name),
  };
}
