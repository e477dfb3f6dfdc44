import {
  gvkProviderOf,
  isGetter,
  isGracefulDeleter,
  isLister,
  isScoper,
  isUpdater,
  isWatcher,
  type APIGroupInfo,
  type Getter,
  type GracefulDeleter,
  type Lister,
  type Storage,
  type Updater,
  type Watcher,
} from '@kapi/apiserver-core';

/** The storage of one resource with every verb the collector uses. */
export type CollectableStorage = Storage & Getter & Lister & Watcher & Updater & GracefulDeleter;

/** A resource the collector watches and acts on (kube's GC needs list, watch, get, patch and delete). */
export interface CollectableResource {
  /** "group/resource" ("/configmaps" for the legacy group): one entry however many versions serve it. */
  key: string;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  storage: CollectableStorage;
}

const collectable = (s: Storage): s is CollectableStorage => isGetter(s) && isLister(s) && isWatcher(s) && isUpdater(s) && isGracefulDeleter(s);

/**
 * The collector's view of discovery: every resource of every live group (built-ins, plugin kinds,
 * custom resources) that can be listed, watched, updated and deleted, at its preferred version.
 * Read afresh each time, so a CRD established later is covered.
 */
export function collectableResources(groups: ReadonlyMap<string, APIGroupInfo>): Map<string, CollectableResource> {
  const out = new Map<string, CollectableResource>();
  for (const [group, info] of groups) {
    for (const gv of info.prioritizedVersions) {
      for (const [path, storage] of Object.entries(info.versionedResourcesStorageMap[gv.version] ?? {})) {
        const key = `${group}/${path}`;
        if (path.includes('/') || out.has(key) || !collectable(storage)) continue;
        const kind = gvkProviderOf(storage)?.groupVersionKind({ group, version: gv.version }).kind ?? storage.newObject().kind ?? '';
        if (!kind) continue;
        out.set(key, { key, group, version: gv.version, resource: path, kind, namespaced: isScoper(storage) && storage.namespaceScoped(), storage });
      }
    }
  }
  return out;
}

/** The resource an ownerReference names (apiVersion's group and kind, any served version), if served. */
export function resourceForKind(resources: Map<string, CollectableResource>, apiVersion: string, kind: string): CollectableResource | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  for (const r of resources.values()) if (r.group === group && r.kind === kind) return r;
  return undefined;
}
