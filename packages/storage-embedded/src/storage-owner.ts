import { storage } from '@kapi/apiserver-core';
import { EmbeddedKV } from './embedded-kv';
import { KVSocketServer } from './kv-socket-server';

export interface StorageOwnerOptions {
  dataDir: string;
  /** `--quota-backend-bytes`, enforced here: every worker's writes pass through this store. */
  quotaBackendBytes?: number;
  /** `--etcd-compaction-interval`: the owner compacts for all workers (they run no compactor). */
  compactionIntervalMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * The storage-owning process of `--storage-backend embedded --workers N` (docs/workers.md): it takes
 * the data dir's lock, opens the one EmbeddedKV (revisions, TTL expiry, quota), compacts it on
 * kube's interval, and serves it to the workers on a Unix socket (kv-socket-server.ts). The workers
 * connect with RemoteKV, which newEmbeddedBackend picks when `embeddedKVSocketEnv` names the socket.
 */
export class StorageOwner {
  private constructor(
    readonly kv: EmbeddedKV,
    private readonly server: KVSocketServer,
    private readonly compactor: storage.Compactor,
  ) {}

  get socketPath(): string {
    return this.server.socketPath;
  }

  static async start(opts: StorageOwnerOptions): Promise<StorageOwner> {
    const kv = new EmbeddedKV({ dataDir: opts.dataDir, quotaBackendBytes: opts.quotaBackendBytes, onError: opts.onError });
    let server: KVSocketServer;
    try {
      server = await KVSocketServer.listen(kv);
    } catch (err) {
      await kv.close();
      throw err;
    }
    const interval = opts.compactionIntervalMs ?? storage.defaultCompactionIntervalMs;
    const compactor = new storage.Compactor(kv, interval, opts.onError);
    compactor.start();
    return new StorageOwner(kv, server, compactor);
  }

  /** After the workers stopped: no more connections, then the store closes and the data dir's lock is released. */
  async close(): Promise<void> {
    this.compactor.stop();
    await this.server.close();
    await this.kv.close();
  }
}
