import type { Clock } from '../../util/clock';
import type { GroupResource, KList, KObject } from '../../runtime/object';
import type { ResourceStorageConfig } from '../../storage/factory';
import type { Interface } from '../../storage/interfaces';
import type { AttrFunc } from '../../storage/selection-predicate';
import type { Indexers, IndexerFunc } from '../../storage/indexers';

export type { Indexers, IndexerFunc } from '../../storage/indexers';

export interface DecoratedStorage {
  storage: Interface;
  destroy: () => void | Promise<void>;
}

/**
 * generic.StorageDecorator: config → storage.Interface. `undecoratedStorage` reaches the backend
 * directly; `storageWithCacher` puts a watch cache in front. The word "decorator" means only this.
 */
export type StorageDecorator = (
  config: ResourceStorageConfig,
  resourcePrefix: string,
  keyFunc: (obj: KObject) => string,
  newFunc: () => KObject,
  newListFunc: () => KList,
  getAttrs: AttrFunc,
  triggerFuncs?: IndexerFunc[],
  indexers?: Indexers,
) => DecoratedStorage;

/** generic.RESTOptions: everything a Store needs to reach its storage. */
export interface RESTOptions {
  storageConfig: ResourceStorageConfig;
  decorator: StorageDecorator;
  enableGarbageCollection: boolean;
  deleteCollectionWorkers: number;
  /** Key prefix of the resource below --etcd-prefix ("configmaps", "deployments"). */
  resourcePrefix: string;
  countMetricPollPeriodMs: number;
  /** The time graceful deletion reads (default the wall clock). */
  clock?: Clock;
}

/** generic.RESTOptionsGetter: one RESTOptions per resource, from the server's storage configuration. */
export interface RESTOptionsGetter {
  getRESTOptions(resource: GroupResource): RESTOptions;
}

/** generic.UndecoratedStorage: the backend's storage.Interface, with nothing in front. */
export const undecoratedStorage: StorageDecorator = (config, _prefix, _keyFunc, newFunc) => {
  const storage = config.backend.create({ ...config, newFunc });
  return { storage, destroy: () => undefined };
};
