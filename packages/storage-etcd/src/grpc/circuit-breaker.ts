/**
 * A circuit breaker per etcd endpoint, as the etcd3 client was configured with cockatiel (three
 * consecutive failures open it; it lets one probe through a second later): during an outage calls
 * fail at once instead of each waiting for its deadline, and about a second after etcd returns the
 * probe closes it again. Written out here because it is a counter and a timestamp, checked on every
 * call — cockatiel's policy wrapper (events, an async executor per call) cost more than the check.
 */

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  threshold: number;
  /** How long it stays open before one probe may pass. */
  halfOpenAfterMs: number;
  now?: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly opts: CircuitBreakerOptions) {
    this.now = opts.now ?? Date.now;
  }

  get isOpen(): boolean {
    return this.failures >= this.opts.threshold;
  }

  /** Whether a call may go out now; a half-open circuit lets exactly one probe out at a time. */
  tryAcquire(): boolean {
    if (!this.isOpen) return true;
    if (this.probing || this.now() < this.openUntil) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
  }

  /** Records a failure; returns true when this failure opened (or re-opened) the circuit. */
  failure(): boolean {
    this.probing = false;
    this.failures++;
    if (!this.isOpen) return false;
    this.openUntil = this.now() + this.opts.halfOpenAfterMs;
    return true;
  }
}
