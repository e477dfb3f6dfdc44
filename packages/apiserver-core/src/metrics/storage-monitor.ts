import { Gauge, type Registry } from 'prom-client';
import type { StorageBackend } from '../storage/factory';

/**
 * kube's storage monitor metrics for a backend that can tell its size (etcd3, embedded):
 * apiserver_storage_size_bytes{storage_cluster_id} (stable; `etcd-0` as kube names its one
 * storage config, `embedded-0` for the embedded store) and the older
 * apiserver_storage_db_total_size_in_bytes{endpoint} (still served by kube 1.32). Read when
 * scraped; a backend that cannot answer drops the first and reports -1 in the second, as kube does.
 */
export function installStorageSizeMetrics(registry: Registry, backend: StorageBackend): void {
  if (!backend.storageSize) return;
  const clusterID = `${backend.type === 'etcd3' ? 'etcd' : backend.type}-0`;
  const read = () => backend.storageSize!().catch(() => undefined);
  new Gauge({
    name: 'apiserver_storage_size_bytes',
    help: 'Size of the storage database file physically allocated in bytes.',
    labelNames: ['storage_cluster_id'],
    registers: [registry],
    async collect() {
      this.reset();
      const sizes = await read();
      if (sizes)
        this.set(
          { storage_cluster_id: clusterID },
          sizes.reduce((n, s) => Math.max(n, s.sizeBytes), 0),
        );
    },
  });
  let endpoints: string[] = [];
  new Gauge({
    name: 'apiserver_storage_db_total_size_in_bytes',
    help: 'Total size of the storage database file physically allocated in bytes.',
    labelNames: ['endpoint'],
    registers: [registry],
    async collect() {
      const sizes = await read();
      if (sizes) endpoints = sizes.map((s) => s.endpoint);
      this.reset();
      if (sizes) for (const s of sizes) this.set({ endpoint: s.endpoint }, s.sizeBytes);
      else for (const endpoint of endpoints) this.set({ endpoint }, -1);
    },
  });
}
