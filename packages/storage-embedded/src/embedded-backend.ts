import * as path from 'node:path';
import { storage } from '@kapi/apiserver-core';
import { EmbeddedKV, storeFileName } from './embedded-kv';

/** `--storage-backend embedded`. */
export const storageBackendType = 'embedded';

/** `--data-dir` default, relative to the working directory (k3s keeps its kine database the same way). */
export const defaultDataDir = './kapi-data';

/**
 * The embedded backend: one EmbeddedKV under the data dir, shared by every resource, with
 * kube-apiserver's periodic compactor (config.compactionIntervalMs, default 5 minutes) and
 * etcd's space quota (config.quotaBackendBytes, `--quota-backend-bytes`).
 */
export class EmbeddedBackend extends storage.KVStorageBackend {
  constructor(
    readonly store: EmbeddedKV,
    config: storage.Config,
  ) {
    super(storageBackendType, store, config);
  }

  /** The store file's size on disk, as kube reports etcd's; the endpoint is the file. */
  async storageSize(): Promise<storage.StorageSize[]> {
    return [{ endpoint: path.join(this.store.dataDir, storeFileName), sizeBytes: this.store.size().sizeBytes }];
  }
}

export const newEmbeddedBackend: storage.StorageBackendConstructor = async (config) => {
  const dataDir = typeof config.dataDir === 'string' && config.dataDir !== '' ? config.dataDir : defaultDataDir;
  const quotaBackendBytes = typeof config.quotaBackendBytes === 'number' ? config.quotaBackendBytes : undefined;
  return new EmbeddedBackend(new EmbeddedKV({ dataDir, quotaBackendBytes }), config);
};
