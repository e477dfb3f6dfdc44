import { isDeepStrictEqual } from 'node:util';
import { realClock, type Clock, type ClockTimer } from '@kapi/apiserver-core';
import { LeaseLock, microTime, type LeaderElectionRecord, type ObservedLease } from './lease-lock';

/** kube-controller-manager's --leader-elect-* flags, in milliseconds. */
export interface LeaderElectionConfig {
  /** --leader-elect: false runs every controller in every instance, with no Lease. */
  leaderElect: boolean;
  /** --leader-elect-lease-duration (15 s): how long a non-leader waits after the last renewal it saw. */
  leaseDurationMs: number;
  /** --leader-elect-renew-deadline (10 s): how long the leader keeps trying to renew before it stops leading. */
  renewDeadlineMs: number;
  /** --leader-elect-retry-period (2 s): how often candidates try to acquire and the leader renews. */
  retryPeriodMs: number;
  /** --leader-elect-resource-namespace / -name. */
  resourceNamespace: string;
  resourceName: string;
}

export function defaultLeaderElectionConfig(): LeaderElectionConfig {
  return {
    leaderElect: true,
    leaseDurationMs: 15_000,
    renewDeadlineMs: 10_000,
    retryPeriodMs: 2_000,
    resourceNamespace: 'kube-system',
    resourceName: 'kapi-controller-manager',
  };
}

export interface LeaderCallbacks {
  onStartedLeading(): void;
  onStoppedLeading(): void;
}

/**
 * client-go's leaderelection.LeaderElector over a Lease: candidates try every retry period; a Lease
 * held by another is only taken once its holder has not renewed for a whole lease duration, timed
 * by this process's own clock from when it last saw the record change (so clock skew between
 * instances does not matter). The leader renews every retry period and stops leading when it has
 * not managed to for the renew deadline. stop() releases a held Lease (ReleaseOnCancel), so a
 * successor need not wait out the duration.
 */
export class LeaderElector {
  private observed?: ObservedLease;
  private observedAt = 0;
  private leading = false;
  private stopped = false;
  private timer?: ClockTimer;
  private lastRenew = 0;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly lock: LeaseLock,
    readonly identity: string,
    private readonly config: LeaderElectionConfig,
    private readonly callbacks: LeaderCallbacks,
    /** Lease expiry is timed on this clock (the testing kit's moves it). */
    private readonly clock: Clock = realClock,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.stop();
    await this.loop;
    if (this.leading) {
      this.leading = false;
      this.callbacks.onStoppedLeading();
      await this.release().catch(() => undefined);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    // wait.JitterUntil: candidates spread out instead of hitting the Lease in lockstep.
    const jitter = ms > 0 && !this.leading ? Math.random() * ms * 0.2 : 0;
    this.timer = this.clock.afterFunc(ms + jitter, () => {
      this.loop = this.tick().finally(() => this.schedule(this.config.retryPeriodMs));
    });
  }

  private async tick(): Promise<void> {
    const ok = await this.tryAcquireOrRenew().catch(() => false);
    if (this.stopped) return;
    const now = this.clock.now();
    if (ok) {
      this.lastRenew = now;
      if (!this.leading) {
        this.leading = true;
        this.callbacks.onStartedLeading();
      }
    } else if (this.leading && now - this.lastRenew >= this.config.renewDeadlineMs) {
      this.leading = false;
      this.callbacks.onStoppedLeading();
    }
  }

  private leaseDurationSeconds(): number {
    return Math.max(1, Math.ceil(this.config.leaseDurationMs / 1000));
  }

  /** tryAcquireOrRenew: true when this candidate holds the Lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = microTime(this.clock.now());
    const mine: LeaderElectionRecord = {
      holderIdentity: this.identity,
      leaseDurationSeconds: this.leaseDurationSeconds(),
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 0,
    };
    const current = await this.lock.get();
    if (!current) {
      this.see(await this.lock.create(mine));
      return true;
    }
    if (!this.observed || !isDeepStrictEqual(this.observed.record, current.record)) this.see(current);
    const held = current.record;
    const expired = this.observedAt + held.leaseDurationSeconds * 1000 <= this.clock.now();
    if (held.holderIdentity && held.holderIdentity !== this.identity && !expired) return false;
    if (held.holderIdentity === this.identity) {
      mine.acquireTime = held.acquireTime;
      mine.leaseTransitions = held.leaseTransitions;
    } else {
      mine.leaseTransitions = held.leaseTransitions + 1;
    }
    this.see(await this.lock.update(current.lease, mine));
    return true;
  }

  /** release: an empty holder and a one-second duration, as client-go writes on cancel. */
  private async release(): Promise<void> {
    const current = await this.lock.get();
    if (!current || current.record.holderIdentity !== this.identity) return;
    const now = microTime(this.clock.now());
    await this.lock.update(current.lease, {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: current.record.leaseTransitions,
    });
  }

  private see(o: ObservedLease): void {
    this.observed = o;
    this.observedAt = this.clock.now();
  }
}
