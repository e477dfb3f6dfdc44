import {
  isStatusError, storage, StorageFactoryRestOptionsFactory, type KObject, type RequestContext, type StorageBackend, type UpdatedObjectInfo,
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
export function modify(fn: (obj: KObject) => void): UpdatedObjectInfo {
  return {
    preconditions: () => undefined,
    updatedObject: async (_ctx, old) => {
      const obj = structuredClone(old!);
      fn(obj);
      return obj;
    },
  };
}

/** The causes of a 422, "field: message" each, or the error rethrown when it is not one. */
export async function invalidCauses(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    throw err;
  }
  throw new Error('expected 422 Invalid, the request succeeded');
}

/** A pod template labelled `app=<app>` with one container. */
export function podTemplate(app: string, image = 'nginx:1.27'): KObject {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: app, image }] } };
}
