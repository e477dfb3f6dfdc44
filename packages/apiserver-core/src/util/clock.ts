/**
 * k8s.io/utils/clock: the time the server's parts read and the timers they set, behind one small
 * interface so that a test can move time (the @kapi/testing kit's FakeClock) instead of sleeping.
 * Only what a test needs to move reads it (TTL leases, leader election, graceful deletion, token
 * expiry, the namespace controller); everything else keeps the wall clock.
 */
export interface Clock {
  /** clock.Now, as milliseconds since the epoch. */
  now(): number;
  /** clock.AfterFunc: runs fn once `ms` from now; the timer never keeps the process alive. */
  afterFunc(ms: number, fn: () => void): ClockTimer;
  /** clock.After as a promise: resolves `ms` from now. */
  sleep(ms: number): Promise<void>;
}

/** A timer from Clock.afterFunc (clock.Timer). */
export interface ClockTimer {
  /** Stops it; returns false when it already fired or was stopped. */
  stop(): boolean;
}

/** clock.RealClock: the wall clock and Node's timers (unref'd, as every background timer in kapi). */
export const realClock: Clock = {
  now: () => Date.now(),
  afterFunc(ms, fn) {
    let pending = true;
    const timer = setTimeout(() => {
      pending = false;
      fn();
    }, ms);
    timer.unref();
    return {
      stop() {
        clearTimeout(timer);
        const was = pending;
        pending = false;
        return was;
      },
    };
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};
