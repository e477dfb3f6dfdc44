/**
 * @kapi/storage-etcd: storage.Interface on etcd v3 (`--storage-backend etcd3`), plus the tooling
 * that starts a real etcd for tests and benchmarks in other packages.
 */
export { newEtcd3Backend, storageBackendType, Etcd3Backend, etcd3Settings, defaultDialTimeoutMs, type Etcd3Settings } from './etcd3-backend';
export { EtcdKV, compactRevKey, defaultRequestTimeoutMs, defaultHealthTimeoutMs, type EtcdKVOptions } from './etcd-kv';
export { startEtcd, type EtcdProcess, type StartEtcdOptions } from './testing/start-etcd';
export { LeanKVClient, type CallOptions } from './lean-kv-client';
export type { EtcdClientOptions } from './etcd-client';
