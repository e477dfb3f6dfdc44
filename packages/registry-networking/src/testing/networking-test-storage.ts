import {
  allResourcesEnabled,
  isStatusError,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type StatusREST,
  type StorageBackend,
  type Store,
  type UpdatedObjectInfo,
} from '@kapi/apiserver-core';
import { networkingRESTStorageProvider } from '../rest/storage-networking';

/** The group's storage on the memory backend, for the resources' unit tests. */
export interface NetworkingTestStorage {
  backend: StorageBackend;
  ingresses: Store;
  ingressStatus: StatusREST;
  ingressClasses: Store;
  networkPolicies: Store;
}

export async function newNetworkingTestStorage(): Promise<NetworkingTestStorage> {
  const config: storage.Config = { type: 'memory', prefix: '/registry' };
  const backend = await storage.newMemoryBackend(config);
  const info = await networkingRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
  const v1 = info.versionedResourcesStorageMap.v1;
  return {
    backend,
    ingresses: v1.ingresses as Store,
    ingressStatus: v1['ingresses/status'] as StatusREST,
    ingressClasses: v1.ingressclasses as Store,
    networkPolicies: v1.networkpolicies as Store,
  };
}

/** An update that edits what the client read. */
export const modify = (fn: (o: KObject) => void): UpdatedObjectInfo => ({
  preconditions: () => undefined,
  updatedObject: async (_c, old) => {
    const o = structuredClone(old!);
    fn(o);
    return o;
  },
});

/** The message of the 422 a write is refused with. */
export async function invalid(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return err.message;
    throw err;
  }
  throw new Error('expected 422');
}
