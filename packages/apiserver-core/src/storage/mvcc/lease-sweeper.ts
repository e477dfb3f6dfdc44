import { realClock, type Clock, type ClockTimer } from '../../util/clock';
import type { LeaseEntry } from './log-row';

/** Longest a sweep timer sleeps; a later lease is looked at again then. */
const maxSleepMs = 60 * 60 * 1000;

/**
 * Deletes keys whose TTL ran out. Leases are kept in the store in expiry order, so a reopened
 * store finds them again and expires what ran out while it was down. One timer, set for the
 * earliest lease, instead of one per key.
 */
export class LeaseSweeper {
  private timer?: ClockTimer;
  private wakeAt = Infinity;
  private sweeping = false;
  private stopped = false;

  constructor(
    /** The leases in expiry order. */
    private readonly leases: () => Iterable<LeaseEntry>,
    /** Deletes the lease's key if it still holds that lease. */
    private readonly expire: (lease: LeaseEntry) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    /** Lease expiry is wall-clock time; a test's clock moves it. */
    private readonly clock: Clock = realClock,
  ) {}

  start(): void {
    this.rearm();
  }

  /** A lease was granted: wake up for it if it ends before the current wake-up. */
  granted(expiresAt: number): void {
    if (expiresAt < this.wakeAt) this.arm(expiresAt);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.stop();
    this.timer = undefined;
  }

  /** The leases were replaced underneath (a restore): wake up for the earliest of the new ones. */
  reset(): void {
    this.timer?.stop();
    this.timer = undefined;
    this.rearm();
  }

  private rearm(): void {
    const first = this.firstLease();
    if (first) this.arm(first.expiresAt);
    else this.wakeAt = Infinity;
  }

  private arm(expiresAt: number): void {
    if (this.stopped) return;
    this.timer?.stop();
    this.wakeAt = expiresAt;
    this.timer = this.clock.afterFunc(Math.min(Math.max(expiresAt - this.clock.now(), 0), maxSleepMs), () => void this.sweep());
  }

  private async sweep(): Promise<void> {
    this.timer = undefined;
    this.wakeAt = Infinity;
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    let failed = false;
    try {
      const now = this.clock.now();
      const due: LeaseEntry[] = [];
      for (const lease of this.leases()) {
        if (lease.expiresAt > now) break;
        due.push(lease);
      }
      await Promise.all(due.map((lease) => this.expire(lease)));
    } catch (err) {
      failed = true;
      this.onError(err);
    } finally {
      this.sweeping = false;
      // After a failed write, back off instead of spinning on a lease that is already due.
      if (failed) this.arm(this.clock.now() + 1000);
      else this.rearm();
    }
  }

  private firstLease(): LeaseEntry | undefined {
    for (const lease of this.leases()) return lease;
    return undefined;
  }
}
