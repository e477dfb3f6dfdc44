import { storage, type Clock, type StorageBackendConstructor } from '@kapi/apiserver-core';
import { UnavailableKV } from './faults/unavailable-kv';

/** The kit's storage: the memory store (the same MVCC layer as the embedded one), snapshots and an off switch. */
export interface TestingStorage {
  memory: storage.MemoryKV;
  switchable: UnavailableKV;
}

/**
 * A StorageBackendConstructor for the kit: `--storage-backend memory` with TTLs on the kit's clock,
 * behind the switch that makes storage unavailable. `onCreated` hands the parts to the kit.
 */
export function testingBackend(clock: Clock, onCreated: (s: TestingStorage) => void): StorageBackendConstructor {
  return async (config) => {
    const memory = new storage.MemoryKV({ clock });
    const switchable = new UnavailableKV(memory);
    onCreated({ memory, switchable });
    return new storage.KVStorageBackend('memory', switchable, config);
  };
}
