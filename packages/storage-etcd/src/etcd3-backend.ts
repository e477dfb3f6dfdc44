/**
 * `--storage-backend etcd3` (factory.Create → newETCD3Storage): one EtcdKV shared by every
 * resource, kube-apiserver's compactor (--etcd-compaction-interval), the etcd health probe for
 * /readyz and /healthz/etcd, and the DB-size gauge for /metrics.
 *
 * Start-up checks that etcd answers before the server goes on: an unreachable --etcd-servers must
 * end `kapi server` with a clear error within the dial timeout, not leave it hanging.
 */
import { storage } from '@kapi/apiserver-core';
import { EtcdKV, type EtcdKVOptions } from './etcd-kv';

export const storageBackendType = 'etcd3';

/** How long start-up keeps trying to reach etcd (kube-apiserver waits 20 s; a CLI user wants less). */
export const defaultDialTimeoutMs = 10_000;

/** The settings newEtcd3Backend reads from storage.Config, beside type and prefix. */
export interface Etcd3Settings extends EtcdKVOptions {
  /** --etcd-compaction-interval in ms (default 5 minutes; 0 disables). */
  compactionIntervalMs?: number;
  /** --etcd-dial-timeout-ish: how long start-up tries to reach etcd. */
  dialTimeoutMs?: number;
  /** Value transformer on every read and write (identity unless encryption at rest is configured). */
  transformer?: storage.Transformer;
}

export class Etcd3Backend extends storage.KVStorageBackend {
  constructor(
    readonly etcd: EtcdKV,
    config: storage.Config,
    transformer?: storage.Transformer,
    private readonly servers: string[] = [],
  ) {
    super(storageBackendType, etcd, config, transformer);
  }

  /**
   * etcd's Status dbSize (the file, free pages included), as kube's monitor reads it. The etcd
   * client asks the member it is connected to, reported under the first --etcd-servers entry.
   */
  async storageSize(): Promise<storage.StorageSize[]> {
    return [{ endpoint: this.servers[0] ?? '', sizeBytes: await this.etcd.dbSizeBytes() }];
  }

  /** etcd's database size in bytes, as kube-apiserver reports it for each etcd. */
  async metrics(): Promise<Record<string, number>> {
    return { etcd_db_total_size_in_bytes: await this.etcd.dbSizeBytes() };
  }
}

export const newEtcd3Backend: storage.StorageBackendConstructor = async (config) => {
  const settings = etcd3Settings(config);
  const kv = new EtcdKV(settings);
  try {
    await waitReachable(kv, settings.servers, settings.dialTimeoutMs ?? defaultDialTimeoutMs);
  } catch (err) {
    await kv.close();
    throw err;
  }
  return new Etcd3Backend(kv, config, settings.transformer, settings.servers);
};

/** Reads and checks the etcd settings; --etcd-servers may come as a list or comma-separated. */
export function etcd3Settings(config: storage.Config): Etcd3Settings {
  const raw = config.servers;
  const servers = (Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : []).map((s) => s.trim()).filter((s) => s.length > 0);
  if (servers.length === 0) throw new Error('--etcd-servers must be specified for the etcd3 storage backend');
  const str = (name: string): string | undefined => (typeof config[name] === 'string' && config[name] !== '' ? (config[name] as string) : undefined);
  const num = (name: string): number | undefined => (typeof config[name] === 'number' ? (config[name] as number) : undefined);
  const transformer = config.transformer as storage.Transformer | undefined;
  return {
    servers,
    caFile: str('caFile'),
    certFile: str('certFile'),
    keyFile: str('keyFile'),
    compactionIntervalMs: num('compactionIntervalMs'),
    dialTimeoutMs: num('dialTimeoutMs'),
    requestTimeoutMs: num('requestTimeoutMs'),
    healthTimeoutMs: num('healthTimeoutMs'),
    transformer: transformer && typeof transformer.transformToStorage === 'function' ? transformer : undefined,
  };
}

/** Probes etcd until it answers or the dial timeout passes; the error names the endpoints and the cause. */
async function waitReachable(kv: EtcdKV, servers: string[], dialTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + dialTimeoutMs;
  let cause = '';
  for (;;) {
    const left = deadline - Date.now();
    try {
      await Promise.race([kv.health(), timeout(left)]);
      return;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Once the circuit breaker opens it only says so; keep the first real reason.
      if (!cause || !/circuit/i.test(message)) cause = message;
    }
    if (Date.now() + 250 >= deadline) {
      throw new Error(`cannot reach etcd at ${servers.join(', ')} within ${dialTimeoutMs} ms: ${cause}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), Math.max(ms, 0));
    t.unref();
  });
}
