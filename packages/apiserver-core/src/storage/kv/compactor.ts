import type { KV } from './interfaces';

/**
 * kube-apiserver's compactor (etcd3/compact.go): every interval, compact the history up to the
 * revision seen at the previous tick, so a watcher has at least one interval to catch up.
 */
export class Compactor {
  private timer?: NodeJS.Timeout;
  private lastRevision = 0;

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
      const current = await this.kv.currentRevision();
      if (this.lastRevision > 0) await this.kv.compact(this.lastRevision);
      this.lastRevision = current;
    } catch (err) {
      this.onError(err);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
