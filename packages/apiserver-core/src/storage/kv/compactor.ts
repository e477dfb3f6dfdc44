import type { KV } from './interfaces';

/**
 * kube-apiserver's compactor (etcd3/compact.go): every interval, compact the history up to the
 * revision seen at the previous tick, so a watcher has at least one interval to catch up.
 *
 * Several apiservers on one etcd compact once per interval between them, as kube's do: each tick
 * first claims the interval with a compare-and-swap on the version of one key (KV.claimCompaction).
 * The server whose CAS succeeds compacts; the others learn the key's version and the store's
 * revision, so the first to tick keeps winning while it lives and another takes over when it dies.
 */
export class Compactor {
  private timer?: NodeJS.Timeout;
  private lastRevision = 0;
  /** The version of the coordination key this compactor last saw (kube's compactTime). */
  private claimVersion = 0;
  /** Compactions this server did (for tests and logs). */
  compactions = 0;

  constructor(
    private readonly kv: KV,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async tick(): Promise<void> {
    try {
      if (this.kv.claimCompaction) await this.coordinatedTick();
      else await this.localTick();
    } catch (err) {
      this.onError(err);
    }
  }

  /** One process owns the store: compact to the previous tick's revision. */
  private async localTick(): Promise<void> {
    const current = await this.kv.currentRevision();
    if (this.lastRevision > 0) await this.compact(this.lastRevision);
    this.lastRevision = current;
  }

  /** kube's compact(): the CAS first; only its winner compacts, and never on its first (bootstrap) claim. */
  private async coordinatedTick(): Promise<void> {
    const claim = await this.kv.claimCompaction!(this.claimVersion, this.lastRevision);
    const revision = this.lastRevision;
    this.claimVersion = claim.version;
    this.lastRevision = claim.revision;
    if (claim.succeeded && revision > 0) await this.compact(revision);
  }

  private async compact(revision: number): Promise<void> {
    await this.kv.compact(revision);
    this.compactions++;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
