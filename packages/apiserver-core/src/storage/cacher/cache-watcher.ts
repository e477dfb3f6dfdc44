import { newResourceExpired } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import type { SelectionPredicate } from '../selection-predicate';
import type { EventType, Watch, WatchEvent } from '../watch';
import type { WatchCacheEvent } from './event-ring';

/**
 * One cache event as watchers receive it. Each event type is built at most once, the first time a
 * watcher needs it, and the same WatchEvent goes to every watcher that receives that type — so the
 * watch handler's per-event memo (`WatchEvent.encoded`) serializes it once per encoding.
 */
export class DispatchedEvent {
  private current?: KObject;
  private readonly built = new Map<EventType, WatchEvent>();

  constructor(readonly ev: WatchCacheEvent) {}

  as(type: 'ADDED' | 'MODIFIED' | 'DELETED'): WatchEvent {
    let out = this.built.get(type);
    if (!out) {
      // A DELETED (deletion, or leaving a selection) carries the last state stamped with this revision.
      const object = type === 'DELETED' ? this.ev.prevObject!.decodeAt(this.ev.resourceVersion) : (this.current ??= this.ev.object!.decode());
      out = { type, object };
      this.built.set(type, out);
    }
    return out;
  }
}

export interface CacheWatcherOptions {
  /** The watched key: a prefix (recursive) or one object. */
  key: string;
  recursive: boolean;
  predicate: SelectionPredicate;
  /** Live events buffered for a consumer before it counts as too slow. */
  capacity: number;
  /** The revision the watch continues from: live events at or below it were covered by its start. */
  startResourceVersion: number;
  onStop: (w: CacheWatcher) => void;
}

/** Initial events are produced on demand so a watch starting with 10,000 objects decodes them one by one. */
export type LazyEvent = () => WatchEvent;

/**
 * cacheWatcher: one client's watch served from the cache. Initial events (the state, or history
 * replayed from the ring) come first, then live events from the dispatcher. A consumer that lets
 * `capacity` live events pile up is terminated — its stream ends and the client re-watches from its
 * last resourceVersion (or re-lists on 410) — rather than holding back the other watchers.
 */
export class CacheWatcher implements Watch {
  private initial: LazyEvent[] = [];
  private initialIndex = 0;
  private readonly queue: WatchEvent[] = [];
  private waiter?: (r: IteratorResult<WatchEvent>) => void;
  private ended = false;
  private _stopped = false;
  /** Terminated for falling behind (visible to tests and metrics). */
  terminatedAsSlow = false;
  /** When the next periodic bookmark is due (ms), for watchers that allow bookmarks. */
  nextBookmarkAt = 0;
  private readonly prefix: string;

  constructor(readonly opts: CacheWatcherOptions) {
    this.prefix = opts.recursive ? (opts.key.endsWith('/') ? opts.key : `${opts.key}/`) : opts.key;
  }

  get stopped(): boolean {
    return this._stopped;
  }

  get closed(): boolean {
    return this.ended;
  }

  get allowBookmarks(): boolean {
    return !!this.opts.predicate.allowWatchBookmarks;
  }

  /** Events to send before live ones. */
  setInitial(events: LazyEvent[]): void {
    this.initial = events;
    this.initialIndex = 0;
    this.wake();
  }

  matchesKey(key: string): boolean {
    return this.opts.recursive ? key.startsWith(this.prefix) : key === this.prefix;
  }

  /** The type this watcher sees a cache event as (an object entering or leaving its selection is ADDED or DELETED). */
  typeOf(ev: WatchCacheEvent): 'ADDED' | 'MODIFIED' | 'DELETED' | undefined {
    if (!this.matchesKey(ev.key)) return undefined;
    const pred = this.opts.predicate;
    const cur = ev.object !== undefined && ev.object.matches(pred);
    const prev = ev.prevObject !== undefined && ev.prevObject.matches(pred);
    if (cur) return prev ? 'MODIFIED' : 'ADDED';
    return prev ? 'DELETED' : undefined;
  }

  /** Live dispatch; a full buffer ends this watch. */
  dispatch(d: DispatchedEvent): void {
    if (d.ev.resourceVersion <= this.opts.startResourceVersion) return;
    const type = this.typeOf(d.ev);
    if (type) this.send(d.as(type));
  }

  /** A bookmark is skipped rather than counted against a busy watcher. */
  bookmark(ev: WatchEvent, revision: number): void {
    // Never behind the watch's start: a bookmark promises every change up to its revision was sent.
    if (this.ended || this.queue.length >= this.opts.capacity || revision < this.opts.startResourceVersion) return;
    this.send(ev);
  }

  private send(ev: WatchEvent): void {
    if (this.ended) return;
    if (this.waiter && this.initialIndex >= this.initial.length) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: ev, done: false });
      return;
    }
    if (this.queue.length >= this.opts.capacity) {
      // As kube's cacher forgets a blocked watcher without draining it: the client re-watches from
      // its last resourceVersion anyway, and a consumer that does not read must not keep a full buffer.
      this.terminatedAsSlow = true;
      this.queue.length = 0;
      this.close();
      return;
    }
    this.queue.push(ev);
  }

  /** Ends the stream after what is buffered (termination by the cacher). */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake();
    this.opts.onStop(this);
  }

  /** Consumer side: stop now. */
  stop(): void {
    if (this._stopped) return;
    this._stopped = true;
    this.queue.length = 0;
    this.initial = [];
    if (!this.ended) {
      this.ended = true;
      this.opts.onStop(this);
    }
    this.wake();
  }

  private wake(): void {
    if (!this.waiter) return;
    const r = this.take();
    if (r) {
      const w = this.waiter;
      this.waiter = undefined;
      w(r);
    }
  }

  private take(): IteratorResult<WatchEvent> | undefined {
    if (this._stopped) return { value: undefined, done: true };
    if (this.initialIndex < this.initial.length) {
      const ev = this.initial[this.initialIndex]();
      this.initial[this.initialIndex++] = undefined as unknown as LazyEvent;
      if (this.initialIndex === this.initial.length) this.initial = [];
      if (this.initial.length === 0) this.initialIndex = 0;
      return { value: ev, done: false };
    }
    const ev = this.queue.shift();
    if (ev) return { value: ev, done: false };
    if (this.ended) return { value: undefined, done: true };
    return undefined;
  }

  next(): Promise<IteratorResult<WatchEvent>> {
    const r = this.take();
    if (r) return Promise.resolve(r);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        this.stop();
        return { value: undefined, done: true };
      },
    };
  }
}

/** History events the watcher selects, each typed for its selection. */
export function replay(w: CacheWatcher, history: WatchCacheEvent[]): LazyEvent[] {
  const out: LazyEvent[] = [];
  for (const ev of history) {
    const type = w.typeOf(ev);
    if (type) out.push(() => new DispatchedEvent(ev).as(type));
  }
  return out;
}

/** A start revision older than the cache's history: one 410 Expired ERROR event, then the end. */
export function expiredWatch(w: CacheWatcher, requested: number, oldest: number): Watch {
  const status = newResourceExpired(`too old resource version: ${requested} (${oldest})`).toStatus();
  w.setInitial([() => ({ type: 'ERROR', object: status })]);
  w.close();
  return w;
}
