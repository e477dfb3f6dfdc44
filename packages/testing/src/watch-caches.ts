import { storage, type APIGroupInfo } from '@kapi/apiserver-core';

type Cacher = storage.Cacher;

/** The watch caches (Cachers) behind the served resources: the Stores' `storage` where a cache fronts it. */
export function watchCaches(groups: Iterable<APIGroupInfo>): Cacher[] {
  const caches = new Set<Cacher>();
  for (const info of groups) {
    for (const resources of Object.values(info.versionedResourcesStorageMap)) {
      for (const rest of Object.values(resources)) {
        const inner = (rest as { storage?: unknown }).storage;
        if (inner instanceof storage.Cacher) caches.add(inner);
      }
    }
  }
  return [...caches];
}

/**
 * Waits until every cache has made a LIST after `before` (its listCount then) and is ready: after a
 * restore, reads served from a cache then see the restored state, not the one before.
 */
export async function waitForRelists(before: Map<Cacher, number>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const [cache, lists] of before) {
    while (!(cache.listCount > lists && cache.isReady)) {
      if (Date.now() > deadline) throw new Error(`a watch cache did not re-list within ${timeoutMs} ms of the restore`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}
