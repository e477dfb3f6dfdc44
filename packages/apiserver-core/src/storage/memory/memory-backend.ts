import type { Config } from '../interfaces';
import { KVStorageBackend } from '../kv/kv-backend';
import { MemoryKV } from './memory-kv';

/** `--storage-backend memory`: everything in this process, gone when it exits. */
export async function newMemoryBackend(config: Config): Promise<KVStorageBackend> {
  return new KVStorageBackend('memory', new MemoryKV(), config);
}
