import type { CachedObject } from './cached-object';

/** One change as the watch cache recorded it: the object after (ADDED/MODIFIED) and before (MODIFIED/DELETED). */
export interface WatchCacheEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  resourceVersion: number;
  object?: CachedObject;
  prevObject?: CachedObject;
  /** When the cache recorded it (ms), to size the ring by event age. */
  recordedAt: number;
}

export interface EventRingOptions {
  /** Initial capacity (--watch-cache-sizes, default 100 as kube-apiserver's lower bound). */
  capacity: number;
  /** The ring grows up to this while the event it would evict is younger than freshMs. */
  maxCapacity: number;
  /** kube-apiserver's eventFreshDuration: keep at least this much history when it fits (75 s). */
  freshMs: number;
}

/**
 * The bounded history of recent events (watchCache's cyclic buffer). Events arrive in strictly
 * increasing revision order; `completeSince` is the revision after which every event is still
 * held, so a watch from any revision ≥ it can be replayed exactly and older ones get 410.
 */
export class EventRing {
  private buf: (WatchCacheEvent | undefined)[];
  private start = 0;
  private size = 0;
  completeSince = 0;

  constructor(private readonly opts: EventRingOptions) {
    this.buf = new Array(Math.max(1, opts.capacity));
  }

  get length(): number {
    return this.size;
  }

  get capacity(): number {
    return this.buf.length;
  }

  /** Forgets all history: after a re-list the cache is complete only from the list's revision. */
  reset(completeSince: number): void {
    this.buf = new Array(Math.max(1, this.opts.capacity));
    this.start = 0;
    this.size = 0;
    this.completeSince = completeSince;
  }

  push(ev: WatchCacheEvent): void {
    if (this.size === this.buf.length) {
      const oldest = this.at(0);
      if (ev.recordedAt - oldest.recordedAt < this.opts.freshMs && this.buf.length < this.opts.maxCapacity) this.grow();
      else this.evictOldest();
    }
    this.buf[(this.start + this.size) % this.buf.length] = ev;
    this.size++;
  }

  /** Events with revision > after, oldest first; undefined when some of them were already evicted. */
  since(after: number): WatchCacheEvent[] | undefined {
    if (after < this.completeSince) return undefined;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).resourceVersion <= after) lo = mid + 1;
      else hi = mid;
    }
    const out: WatchCacheEvent[] = new Array(this.size - lo);
    for (let i = lo; i < this.size; i++) out[i - lo] = this.at(i);
    return out;
  }

  private at(i: number): WatchCacheEvent {
    return this.buf[(this.start + i) % this.buf.length]!;
  }

  private evictOldest(): void {
    const idx = this.start;
    this.completeSince = this.buf[idx]!.resourceVersion;
    this.buf[idx] = undefined;
    this.start = (this.start + 1) % this.buf.length;
    this.size--;
  }

  private grow(): void {
    const next: (WatchCacheEvent | undefined)[] = new Array(Math.min(this.buf.length * 2, this.opts.maxCapacity));
    for (let i = 0; i < this.size; i++) next[i] = this.at(i);
    this.buf = next;
    this.start = 0;
  }
}
