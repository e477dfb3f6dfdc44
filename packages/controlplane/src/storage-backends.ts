import { storage, type StorageBackendConstructor } from '@kapi/apiserver-core';
import type { ServerRunOptions } from './options';

/**
 * The backends `--storage-backend` can name (factory.Create's switch). Each backend package is
 * loaded only when chosen: the etcd client stack (gRPC, protobuf) would otherwise be a fifth of
 * the start-up time of a server that never talks to etcd.
 */
export const knownStorageBackends = new Map<string, StorageBackendConstructor>([
  ['memory', storage.newMemoryBackend],
  ['embedded', (config) => (require('@kapi/storage-embedded') as typeof import('@kapi/storage-embedded')).newEmbeddedBackend(config)],
  ['etcd3', (config) => (require('@kapi/storage-etcd') as typeof import('@kapi/storage-etcd')).newEtcd3Backend(config)],
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
    quotaBackendBytes: opts.quotaBackendBytes,
  };
}
