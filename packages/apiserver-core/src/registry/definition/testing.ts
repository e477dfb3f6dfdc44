import { isStatusError } from '../../api/errors/status-error';
import type { KObject } from '../../runtime/object';
import type { Storage, UpdatedObjectInfo } from '../../rest/interfaces';
import { allResourcesEnabled, type RESTStorageProvider } from '../../server/rest-storage-provider';
import type { Config } from '../../storage/interfaces';
import type { StorageBackend } from '../../storage/factory';
import { newMemoryBackend } from '../../storage/memory/memory-backend';
import { StorageFactoryRestOptionsFactory } from '../generic/storage-factory-rest-options';

/** A group's storage as the server installs it, over a fresh memory backend: real Stores, no server. */
export interface TestGroup {
  /** version → resource path ("volumeattachments/status") → storage. */
  storage: Record<string, Record<string, Storage>>;
  backend: StorageBackend;
  destroy(): Promise<void>;
}

export async function newTestGroup(provider: RESTStorageProvider): Promise<TestGroup> {
  const config: Config = { type: 'memory', prefix: '/registry' };
  const backend = await newMemoryBackend(config);
  const info = await provider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
  return { storage: info.versionedResourcesStorageMap, backend, destroy: async () => backend.destroy() };
}

/** An update that changes a copy of the stored object, as a PATCH or a read-modify-write PUT would. */
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

/** The message of the 422 a write is refused with; anything else fails the test. */
export async function invalidMessage(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return err.message;
    throw err;
  }
  throw new Error('expected 422 Unprocessable Entity, the write succeeded');
}

/** The "<field>: <message>" causes of the 422 a write is refused with; anything else fails the test. */
export async function invalidCauses(write: Promise<unknown>): Promise<string[]> {
  try {
    await write;
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    throw err;
  }
  throw new Error('expected 422 Unprocessable Entity, the write succeeded');
}

/** The code and message of the Status error a write is refused with; a success or another error fails the test. */
export async function rejectedStatus(write: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await write;
  } catch (err) {
    if (isStatusError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a Status error, the write succeeded');
}
