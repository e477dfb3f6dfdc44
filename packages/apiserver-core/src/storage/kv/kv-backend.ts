import type { Config } from '../interfaces';
import type { ResourceStorageConfig, StorageBackend } from '../factory';
import { identityTransformer, type Transformer } from '../value/transformer';
import { Compactor } from './compactor';
import type { KV } from './interfaces';
import { KVStore } from './kv-store';

/** Default compaction interval of kube-apiserver (--etcd-compaction-interval). */
export const defaultCompactionIntervalMs = 5 * 60 * 1000;

/**
 * A StorageBackend over one shared KV connection: every resource gets a KVStore on it, one
 * compactor runs for all, and destroy closes the KV exactly once.
 */
export class KVStorageBackend implements StorageBackend {
  private readonly compactor: Compactor;
  private destroyed?: Promise<void>;

  constructor(
    readonly type: string,
    readonly kv: KV,
    private readonly config: Config,
    private readonly transformer: Transformer = identityTransformer,
  ) {
    const interval = typeof config.compactionIntervalMs === 'number' ? config.compactionIntervalMs : defaultCompactionIntervalMs;
    this.compactor = new Compactor(kv, interval);
    this.compactor.start();
  }

  create(config: ResourceStorageConfig): KVStore {
    return new KVStore(this.kv, { pathPrefix: config.prefix ?? this.config.prefix, transformer: config.transformer ?? this.transformer, newFunc: config.newFunc });
  }

  healthCheck(): Promise<void> {
    return this.kv.health();
  }

  destroy(): Promise<void> {
    this.destroyed ??= (async () => {
      this.compactor.stop();
      await this.kv.close();
    })();
    return this.destroyed;
  }
}
