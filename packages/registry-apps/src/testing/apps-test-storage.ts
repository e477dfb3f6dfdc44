import {
  newDefinedStore,
  newResourceStorage,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type ResourceDefinition,
  type ScaleREST,
  type StatusREST,
  type StorageBackend,
  type Store,
  type UpdatedObjectInfo,
} from '@kapi/apiserver-core';

/** A RESTOptionsGetter over a fresh memory backend: real Stores, real storage, no server. */
export async function newTestRESTOptionsGetter(): Promise<{ getter: StorageFactoryRestOptionsFactory; backend: StorageBackend }> {
  const config: storage.Config = { type: 'memory', prefix: '/registry' };
  const backend = await storage.newMemoryBackend(config);
  return { getter: new StorageFactoryRestOptionsFactory({ config, backend }), backend };
}

export const ctx = (namespace = 'default'): RequestContext => ({ namespace });

/** A PUT: the body replaces the stored object. */
export function replaceWith(obj: KObject): UpdatedObjectInfo {
  return { preconditions: () => undefined, updatedObject: async () => structuredClone(obj) };
}

/** A read-modify-write on the stored object, as PATCH does. */
export { modify } from '@kapi/apiserver-core/registry/definition/testing';

/** The causes of a 422, "field: message" each, or the error rethrown when it is not one. */
export { invalidCauses } from '@kapi/apiserver-core/registry/definition/testing';

/** A pod template labelled `app=<app>` with one container. */
export function podTemplate(app: string, image = 'nginx:1.27'): KObject {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: app, image }] } };
}

/** A defined resource's paths in its storage version, on one Store: what the group's provider serves. */
export interface DefinedStorage {
  main: Store;
  status: StatusREST;
  scale: ScaleREST;
}

export function storageOf(def: ResourceDefinition, getter: StorageFactoryRestOptionsFactory): DefinedStorage {
  const paths = newResourceStorage(def, newDefinedStore(def, getter), def.version, getter);
  return { main: paths[def.plural] as Store, status: paths[`${def.plural}/status`] as StatusREST, scale: paths[`${def.plural}/scale`] as ScaleREST };
}
