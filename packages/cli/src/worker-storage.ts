import type { ServerRunOptions } from '@kapi/controlplane';

/** What the `--workers` primary keeps for its workers besides the processes: on embedded, the store. */
export interface PrimaryStorage {
  /** Added to every worker's environment. */
  env: Record<string, string>;
  /** Said in the primary's "serving on" line. */
  description: string;
  /** After every worker stopped. */
  close(): Promise<void>;
}

/**
 * The storage the primary itself owns before it starts any worker. On etcd: none (etcd is the shared
 * store). On embedded: the primary becomes the storage owner (docs/workers.md) — it takes the data
 * dir's lock, opens the one LMDB store, compacts it, and serves it on a private Unix socket that each
 * worker's embedded backend connects to (storage-embedded's StorageOwner / RemoteKV). The primary
 * serves no requests, so the store's event loop is its own.
 */
export async function startPrimaryStorage(opts: ServerRunOptions, out: NodeJS.WritableStream): Promise<PrimaryStorage> {
  if (opts.storageBackend !== 'embedded') return { env: {}, description: '', close: async () => undefined };
  // Loaded only here: the etcd primary never needs LMDB.
  const embedded = require('@kapi/storage-embedded') as typeof import('@kapi/storage-embedded');
  const owner = await embedded.StorageOwner.start({
    dataDir: opts.dataDir || embedded.defaultDataDir,
    quotaBackendBytes: opts.quotaBackendBytes,
    compactionIntervalMs: opts.etcdCompactionIntervalMs,
    onError: (err) => out.write(`kapi: embedded store: ${err instanceof Error ? err.message : String(err)}\n`),
  });
  return {
    env: { [embedded.embeddedKVSocketEnv]: owner.socketPath },
    description: `; embedded store owned by pid ${process.pid}, data dir ${owner.kv.dataDir}`,
    close: () => owner.close(),
  };
}
