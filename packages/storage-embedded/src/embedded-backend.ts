import { storage } from '@kapi/apiserver-core';
import { EmbeddedKV } from './embedded-kv';

/** `--storage-backend embedded`. */
export const storageBackendType = 'embedded';

/** `--data-dir` default, relative to the working directory (k3s keeps its kine database the same way). */
export const defaultDataDir = './kapi-data';

/**
 * The embedded backend: one EmbeddedKV under the data dir, shared by every resource, with
 * kube-apiserver's periodic compactor (config.compactionIntervalMs, default 5 minutes).
 */
export const newEmbeddedBackend: storage.StorageBackendConstructor = async (config) => {
  const dataDir = typeof config.dataDir === 'string' && config.dataDir !== '' ? config.dataDir : defaultDataDir;
  return new storage.KVStorageBackend(storageBackendType, new EmbeddedKV({ dataDir }), config);
};
