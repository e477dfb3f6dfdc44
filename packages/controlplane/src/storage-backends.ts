import { storage, type StorageBackendConstructor } from '@kapi/apiserver-core';
import { newEmbeddedBackend } from '@kapi/storage-embedded';
import { newEtcd3Backend } from '@kapi/storage-etcd';
import type { ServerRunOptions } from './options';

/** The backends `--storage-backend` can name (factory.Create's switch). */
export const knownStorageBackends = new Map<string, StorageBackendConstructor>([
  ['memory', storage.newMemoryBackend],
  ['embedded', newEmbeddedBackend],
  ['etcd3', newEtcd3Backend],
]);

/** storagebackend.Config from the server flags. */
export function storageConfigFrom(opts: ServerRunOptions): storage.Config {
  return {
    type: opts.storageBackend,
    prefix: opts.etcdPrefix,
    dataDir: opts.dataDir,
    servers: opts.etcdServers,
    caFile: opts.etcdCaFile,
    certFile: opts.etcdCertFile,
    keyFile: opts.etcdKeyFile,
    compactionIntervalMs: opts.etcdCompactionIntervalMs,
  };
}
