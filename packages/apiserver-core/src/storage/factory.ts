import type { GroupResource, KObject } from '../runtime/object';
import type { Config, Interface } from './interfaces';
import type { Transformer } from './value/transformer';

/**
 * A storage backend (etcd3, embedded, memory): creates storage.Interface instances for resources.
 * One backend is bound in the container (StorageBackend); backends share their connection across
 * resources and are destroyed once at shutdown.
 */
export interface StorageBackend {
  readonly type: string;
  /** factory.Create: a storage.Interface for one resource, from its config. */
  create(config: ResourceStorageConfig): Interface;
  /** Health for /readyz and /healthz/<name>. */
  healthCheck(): Promise<void>;
  /** Prometheus-style gauges the backend reports (e.g. etcd DB size). */
  metrics?(): Promise<Record<string, number>>;
  /**
   * metrics.Monitor: the size of the database file on disk, per endpoint, for kube's
   * apiserver_storage_size_bytes and apiserver_storage_db_total_size_in_bytes.
   */
  storageSize?(): Promise<StorageSize[]>;
  destroy(): Promise<void>;
}

export interface StorageSize {
  /** The etcd server's URL, or the embedded store's file. */
  endpoint: string;
  sizeBytes: number;
}

/** Per-resource storage config (storagebackend.ConfigForResource): the shared Config, its backend, the resource. */
export interface ResourceStorageConfig extends Config {
  backend: StorageBackend;
  groupResource: GroupResource;
  /** Empty object of the resource's kind (apiVersion + kind), for bookmarks. */
  newFunc?: () => KObject;
  /** Encryption at rest of this resource's values (storagebackend.Config.Transformer); identity when unset. */
  transformer?: Transformer;
}

/** factory.Create: the raw storage.Interface for one resource. */
export function createRawStorage(config: ResourceStorageConfig): Interface {
  return config.backend.create(config);
}

/** Backends known to this process by --storage-backend name. */
export type StorageBackendConstructor = (config: Config) => Promise<StorageBackend>;

/**
 * factory.Create: picks the backend by type. "etcd2" is rejected as kube-apiserver rejects it
 * since 1.13; unknown types are named in the error.
 */
export async function createStorageBackend(config: Config, known: Map<string, StorageBackendConstructor>): Promise<StorageBackend> {
  if (config.type === 'etcd2') throw new Error('etcd2 is no longer a supported storage backend');
  const ctor = known.get(config.type);
  if (!ctor) {
    throw new Error(`unknown storage type: ${JSON.stringify(config.type)} (supported: ${[...known.keys()].join(', ')})`);
  }
  return ctor(config);
}
