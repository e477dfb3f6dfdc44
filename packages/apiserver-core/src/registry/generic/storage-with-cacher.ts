import { Cacher } from '../../storage/cacher/cacher';
import type { StorageDecorator } from './options';

export interface StorageWithCacherOptions {
  /** The resource's --watch-cache-sizes entry: initial event history (it grows with the event rate). */
  cacheSize?: number;
  /** Pending events before a watcher counts as too slow and is closed. */
  watcherBufferSize?: number;
  bookmarkIntervalMs?: number;
  /** Consistent reads (no resourceVersion) from the cache; off for backends with unreliable progress notifications. */
  consistentReadsFromCache?: boolean;
}

/**
 * genericregistry.StorageWithCacher: the backend's storage.Interface behind a Cacher, so reads and
 * watches of the resource are served from memory and writes still go to the backend. Chosen per
 * resource by RESTOptions.decorator when --watch-cache is on.
 */
export function storageWithCacher(options: StorageWithCacherOptions = {}): StorageDecorator {
  return (config, resourcePrefix, keyFunc, newFunc, _newListFunc, getAttrs, triggerFuncs, indexers) => {
    const storage = config.backend.create({ ...config, newFunc });
    const cacher = new Cacher({ ...options, storage, resourcePrefix, keyFunc, newFunc, getAttrs, triggerFuncs, indexers });
    return { storage: cacher, destroy: () => cacher.destroy() };
  };
}
