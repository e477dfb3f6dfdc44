import * as path from 'node:path';
import { storage } from '@kapi/apiserver-core';
import { EmbeddedKV, storeFileName } from './embedded-kv';
import { RemoteKV } from './remote-kv';

/** `--storage-backend embedded`. */
export const storageBackendType = 'embedded';

/** `--data-dir` default, relative to the working directory (k3s keeps its kine database the same way). */
export const defaultDataDir = './kapi-data';

/**
 * Set by the `--workers` primary in each worker's environment: the storage owner's socket
 * (storage-owner.ts). A worker with it connects there instead of opening the data dir.
 */
export const embeddedKVSocketEnv = 'KAPI_EMBEDDED_KV_SOCKET';

/**
 * The embedded backend: one EmbeddedKV under the data dir, shared by every resource, with
 * kube-apiserver's periodic compactor (config.compactionIntervalMs, default 5 minutes) and
 * etcd's space quota (config.quotaBackendBytes, `--quota-backend-bytes`) — or, in a worker of
 * `--workers N`, a RemoteKV to the process that owns that EmbeddedKV (and its quota and compactor).
 */
export class EmbeddedBackend extends storage.KVStorageBackend {
  constructor(
    readonly store: EmbeddedKV | RemoteKV,
    config: storage.Config,
    private readonly dataDir: string,
  ) {
    super(storageBackendType, store, config);
  }

  /** The store file's size on disk, as kube reports etcd's; the endpoint is the file. */
  async storageSize(): Promise<storage.StorageSize[]> {
    return [{ endpoint: path.join(path.resolve(this.dataDir), storeFileName), sizeBytes: (await this.store.size()).sizeBytes }];
  }
}

export const newEmbeddedBackend: storage.StorageBackendConstructor = async (config) => {
  const dataDir = typeof config.dataDir === 'string' && config.dataDir !== '' ? config.dataDir : defaultDataDir;
  const socket = process.env[embeddedKVSocketEnv];
  // The owner compacts for every worker; a worker's own compactor stays off.
  if (socket) return new EmbeddedBackend(await RemoteKV.connect(socket, exitWorker), { ...config, compactionIntervalMs: 0 }, dataDir);
  const quotaBackendBytes = typeof config.quotaBackendBytes === 'number' ? config.quotaBackendBytes : undefined;
  return new EmbeddedBackend(new EmbeddedKV({ dataDir, quotaBackendBytes }), config, dataDir);
};

/**
 * A worker whose store connection broke has no storage left (there is no reconnect: the owner is the
 * primary, and a primary that is gone takes its workers with it). It exits, so the primary stops the
 * whole server as it does for any dying worker, instead of serving errors unnoticed.
 */
function exitWorker(err: Error): void {
  process.stderr.write(`kapi: ${err.message}; exiting\n`);
  process.exit(1);
}
