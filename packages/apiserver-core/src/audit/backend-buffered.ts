import type { Logger } from 'pino';
import type { AuditBackend } from './backend';
import type { Event } from './types';

/** The --audit-<plugin>-batch-* flags (plugin/pkg/audit/buffered.BatchConfig). */
export interface BatchConfig {
  /** --audit-webhook-batch-buffer-size: events held before new ones are dropped (10000). */
  bufferSize: number;
  /** --audit-webhook-batch-max-size: events per batch (400). */
  maxBatchSize: number;
  /** --audit-webhook-batch-max-wait: how long a partial batch waits (30s). */
  maxBatchWaitMs: number;
  /** --audit-webhook-batch-throttle-enable / -qps / -burst: batches sent per second (10, burst 15). */
  throttleEnable: boolean;
  throttleQPS: number;
  throttleBurst: number;
}

export const defaultWebhookBatchConfig: BatchConfig = {
  bufferSize: 10000,
  maxBatchSize: 400,
  maxBatchWaitMs: 30_000,
  throttleEnable: true,
  throttleQPS: 10,
  throttleBurst: 15,
};

/** Sends one batch; rejects when the batch is lost (the buffered backend logs it). */
export type BatchSender = (events: Event[]) => Promise<void>;

/**
 * plugin/pkg/audit/buffered: events queue in memory and leave in batches — a full batch at once, a
 * partial one after maxBatchWait — so a slow receiver never holds a request. A full buffer drops
 * the event (logged). Shutdown sends everything queued and waits for the sends in flight.
 */
export class BufferedBackend implements AuditBackend {
  readonly name: string;
  private buffer: Event[] = [];
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private tokens: number;
  private lastRefill = Date.now();
  private draining?: Promise<void>;
  private flushing = false;
  private stopped = false;

  constructor(
    name: string,
    private readonly send: BatchSender,
    private readonly config: BatchConfig,
    private readonly logger?: Logger,
  ) {
    this.name = `buffered<${name}>`;
    this.tokens = config.throttleBurst;
  }

  processEvents(...events: Event[]): void {
    for (const ev of events) {
      if (this.buffer.length >= this.config.bufferSize) {
        this.logger?.error({ plugin: this.name, auditID: ev.auditID }, 'Error in audit plugin: audit buffer queue blocked');
        continue;
      }
      this.buffer.push(ev);
    }
    if (this.stopped) {
      // After shutdown (a watch ending late) nothing waits any more: send at once.
      this.sendBatch(this.buffer.splice(0));
      return;
    }
    if (this.buffer.length >= this.config.maxBatchSize) void this.drain(false);
    else this.armTimer();
  }

  private armTimer(): void {
    if (this.buffer.length === 0 || this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain(true);
    }, this.config.maxBatchWaitMs);
    this.timer.unref();
  }

  /**
   * Sends full batches while there are some, honouring the throttle; a partial batch only when its
   * wait is over or at shutdown (flush), otherwise it waits for the timer.
   */
  private drain(flush: boolean): Promise<void> {
    this.flushing ||= flush;
    if (this.draining) return this.draining;
    const run = async () => {
      while (this.buffer.length >= this.config.maxBatchSize || ((this.flushing || this.stopped) && this.buffer.length > 0)) {
        await this.throttle();
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        this.sendBatch(this.buffer.splice(0, this.config.maxBatchSize));
      }
      this.flushing = false;
    };
    // .finally runs after the assignment, even when run() has nothing to do.
    this.draining = run().finally(() => {
      this.draining = undefined;
      this.armTimer();
    });
    return this.draining;
  }

  private sendBatch(batch: Event[]): void {
    if (batch.length === 0) return;
    const p = this.send(batch)
      .catch((err: unknown) => {
        this.logger?.error({ err, plugin: this.name, events: batch.length }, 'Error in audit plugin: unable to send audit events');
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** A token bucket (flowcontrol.NewTokenBucketRateLimiter): qps tokens a second, at most burst. */
  private async throttle(): Promise<void> {
    if (!this.config.throttleEnable || this.stopped) return;
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.config.throttleBurst, this.tokens + ((now - this.lastRefill) / 1000) * this.config.throttleQPS);
      this.lastRefill = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, ((1 - this.tokens) / this.config.throttleQPS) * 1000));
    }
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.draining;
    await this.drain(true);
    await Promise.all([...this.inFlight]);
  }
}
