import type { SelectionPredicate } from '../selection-predicate';
import { indexedField, type CachedObject } from './cached-object';
import { EventRing, type EventRingOptions, type WatchCacheEvent } from './event-ring';

interface Waiter {
  resourceVersion: number;
  resolve: (fresh: boolean) => void;
}

/**
 * watchCache: the current objects of one resource in key order, their indexes, the ring of recent
 * events and the revision the cache has caught up to. Everything here is synchronous: an event is
 * applied and dispatched in one turn, so a read or a new watch always sees a consistent state.
 */
export class WatchCache {
  private readonly store = new Map<string, CachedObject>();
  /** Keys in order, for prefix lists in key order as etcd returns them. */
  private readonly keys: string[] = [];
  /** index name → value → keys. */
  private readonly indices = new Map<string, Map<string, Set<string>>>();
  private readonly ring: EventRing;
  private waiters: Waiter[] = [];
  /** Every change up to this revision is in the cache (events, and progress bookmarks beyond them). */
  resourceVersion = 0;
  /** The revision of the last change applied: a re-watch replays nothing at or below it. */
  private lastEventRV = 0;
  /** The keys changed at lastEventRV (a multi-key transaction has several). */
  private readonly keysAtLastEventRV = new Set<string>();
  /** Events that arrived after a progress notification had already claimed their revision. */
  overtakenEvents = 0;
  /** Called when a progress notification overtook an event: the backend's progress cannot be trusted. */
  onProgressOvertaken?: () => void;
  /** Called for each event after it is applied (the Cacher's dispatch to watchers). */
  onEvent?: (ev: WatchCacheEvent) => void;

  constructor(ringOptions: EventRingOptions, indexNames: string[] = []) {
    this.ring = new EventRing(ringOptions);
    for (const name of indexNames) this.indices.set(name, new Map());
  }

  get size(): number {
    return this.store.size;
  }

  get ringLength(): number {
    return this.ring.length;
  }

  get ringCapacity(): number {
    return this.ring.capacity;
  }

  /** Replace: the state of a fresh LIST at revision; the history starts over from it. */
  replace(objects: CachedObject[], revision: number): void {
    this.store.clear();
    for (const m of this.indices.values()) m.clear();
    for (const obj of objects) {
      this.store.set(obj.key, obj);
      this.index(obj, true);
    }
    this.keys.length = 0;
    this.keys.push(...[...this.store.keys()].sort());
    this.ring.reset(revision);
    // Set, not advance: a backend restored from a backup lists at a revision below the old cache's.
    this.resourceVersion = revision;
    this.lastEventRV = revision;
    this.keysAtLastEventRV.clear();
    this.notifyWaiters();
  }

  /** Applies one change from the backend's watch, records it, and dispatches it. */
  processEvent(key: string, object: CachedObject | undefined, revision: number): void {
    // A re-watch may replay a change the cache already applied. Several keys written by one etcd
    // transaction share a revision, so only a key already applied at the last revision is a replay.
    if (revision < this.lastEventRV || (revision === this.lastEventRV && this.keysAtLastEventRV.has(key))) return;
    if (revision !== this.lastEventRV) this.keysAtLastEventRV.clear();
    this.keysAtLastEventRV.add(key);
    if (revision <= this.resourceVersion) {
      // etcd before 3.4.24/3.5.8 can send a progress notification ahead of events still in flight
      // (etcd#15220). Apply the change all the same — the store must stay right — and report it.
      this.overtakenEvents++;
      this.onProgressOvertaken?.();
    }
    const prevObject = this.store.get(key);
    // The event type follows from the state the cache holds, as the backend's does from its own.
    const kind = object ? (prevObject ? 'MODIFIED' : 'ADDED') : 'DELETED';
    if (kind === 'DELETED' && !prevObject) {
      this.lastEventRV = revision;
      this.setResourceVersion(revision);
      return;
    }
    if (prevObject) this.index(prevObject, false);
    if (object) {
      this.store.set(key, object);
      this.index(object, true);
      if (!prevObject) this.keys.splice(lowerBound(this.keys, key), 0, key);
    } else {
      this.store.delete(key);
      const i = lowerBound(this.keys, key);
      if (this.keys[i] === key) this.keys.splice(i, 1);
    }
    const ev: WatchCacheEvent = { type: kind, key, resourceVersion: revision, object, prevObject, recordedAt: Date.now() };
    this.ring.push(ev);
    this.lastEventRV = revision;
    if (revision > this.resourceVersion) this.resourceVersion = revision;
    this.onEvent?.(ev);
    this.notifyWaiters();
  }

  /** A bookmark or progress notification: nothing changed up to revision. */
  setResourceVersion(revision: number): void {
    if (revision <= this.resourceVersion) return;
    this.resourceVersion = revision;
    this.notifyWaiters();
  }

  get(key: string): CachedObject | undefined {
    return this.store.get(key);
  }

  /** Objects whose key starts with prefix, in key order. */
  listPrefix(prefix: string): CachedObject[] {
    const out: CachedObject[] = [];
    for (let i = lowerBound(this.keys, prefix); i < this.keys.length && this.keys[i].startsWith(prefix); i++) {
      out.push(this.store.get(this.keys[i])!);
    }
    return out;
  }

  /** Objects under prefix whose index holds value, in key order; undefined when no index serves field. */
  listByIndex(field: string, value: string, prefix: string): CachedObject[] | undefined {
    for (const [name, idx] of this.indices) {
      if (indexedField(name) !== field) continue;
      const keys = [...(idx.get(value) ?? [])].filter((k) => k.startsWith(prefix)).sort();
      return keys.map((k) => this.store.get(k)!);
    }
    return undefined;
  }

  /** The current objects under key that the predicate selects, in key order. */
  select(key: string, recursive: boolean, pred: SelectionPredicate): CachedObject[] {
    if (!recursive) {
      const obj = this.get(key);
      return obj && obj.matches(pred) ? [obj] : [];
    }
    const prefix = key.endsWith('/') ? key : `${key}/`;
    let candidates: CachedObject[] | undefined;
    for (const req of pred.field.requirements) {
      if (req.operator !== '=') continue;
      candidates = this.listByIndex(req.field, req.value, prefix);
      if (candidates) break;
    }
    return (candidates ?? this.listPrefix(prefix)).filter((o) => o.matches(pred));
  }

  /** Events after revision, or undefined when the ring no longer reaches back that far (410). */
  eventsSince(revision: number): WatchCacheEvent[] | undefined {
    return this.ring.since(revision);
  }

  /** The oldest revision a watch can start from. */
  get oldestResourceVersion(): number {
    return this.ring.completeSince;
  }

  /** Resolves true once the cache reached revision, false after timeoutMs. */
  waitUntilFresh(revision: number, timeoutMs: number): Promise<boolean> {
    if (this.resourceVersion >= revision) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resourceVersion: revision,
        resolve: (fresh) => {
          clearTimeout(timer);
          resolve(fresh);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  get hasWaiters(): boolean {
    return this.waiters.length > 0;
  }

  private notifyWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.resourceVersion <= this.resourceVersion) w.resolve(true);
      else still.push(w);
    }
    this.waiters = still;
  }

  private index(obj: CachedObject, add: boolean): void {
    if (!obj.indexValues) return;
    for (const [name, values] of Object.entries(obj.indexValues)) {
      const idx = this.indices.get(name);
      if (!idx) continue;
      for (const v of values) {
        let set = idx.get(v);
        if (add) {
          if (!set) idx.set(v, (set = new Set()));
          set.add(obj.key);
        } else if (set) {
          set.delete(obj.key);
          if (set.size === 0) idx.delete(v);
        }
      }
    }
  }
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
