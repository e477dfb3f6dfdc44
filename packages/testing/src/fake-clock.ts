import type { Clock, ClockTimer } from '@kapi/apiserver-core';
import { durationMs } from './duration';

interface Waiter {
  at: number;
  seq: number;
  fn: () => void;
  done: boolean;
}

/**
 * k8s.io/utils/clock/testing.FakeClock: time stands still until the test moves it. advance() fires
 * every timer that falls due, in due order, each seeing `now()` at its own due time — as if that
 * much time had passed — and lets the promise jobs they start run between them, so a lease swept at
 * 10 s is gone before a timer at 20 s looks. Starts at the wall clock's time, so tokens and
 * timestamps look ordinary. A timer set with no delay fires by itself (on the next turn of the event loop).
 */
export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private waiters: Waiter[] = [];
  private advancing: Promise<void> = Promise.resolve();

  constructor(start: number | Date = Date.now()) {
    this.time = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.time;
  }

  afterFunc(ms: number, fn: () => void): ClockTimer {
    const w: Waiter = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, done: false };
    this.waiters.push(w);
    // Already due (a zero delay): it fires on its own, as the loops that start with AfterFunc(0) expect.
    if (ms <= 0) setImmediate(() => this.fireIfPending(w));
    return {
      stop: () => {
        const was = !w.done;
        w.done = true;
        this.waiters = this.waiters.filter((x) => x !== w);
        return was;
      },
    };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => void this.afterFunc(ms, resolve));
  }

  /** Timers waiting to fire (clock.HasWaiters). */
  get waiterCount(): number {
    return this.waiters.length;
  }

  /**
   * clock.Step: moves time forward by `d` ("30s", "1h", or milliseconds) and fires what fell due.
   * Resolves once every fired timer's synchronous work and the promise jobs it queued ran; calls
   * made while an advance runs are queued behind it.
   */
  advance(d: number | string): Promise<void> {
    const ms = durationMs(d);
    const run = this.advancing.then(() => this.stepTo(this.time + ms));
    this.advancing = run.catch(() => undefined);
    return run;
  }

  /** Sets the time (clock.SetTime); it may not go backwards, as no clock a server reads does. */
  setTime(t: number | Date): Promise<void> {
    const target = typeof t === 'number' ? t : t.getTime();
    if (target < this.time) throw new Error(`the fake clock does not go backwards (now ${new Date(this.time).toISOString()})`);
    return this.advance(target - this.time);
  }

  private async stepTo(target: number): Promise<void> {
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      this.fireIfPending(next);
      // Let the fired work's promise jobs and in-process I/O run (a lease renewal, a sweep) before the next
      // timer looks, so a loop that re-arms after its work still falls inside this advance.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    this.time = target;
  }

  private fireIfPending(w: Waiter): void {
    if (w.done) return;
    w.done = true;
    this.waiters = this.waiters.filter((x) => x !== w);
    w.fn();
  }

  private nextDue(target: number): Waiter | undefined {
    let best: Waiter | undefined;
    for (const w of this.waiters) {
      if (w.at <= target && (!best || w.at < best.at || (w.at === best.at && w.seq < best.seq))) best = w;
    }
    return best;
  }
}
