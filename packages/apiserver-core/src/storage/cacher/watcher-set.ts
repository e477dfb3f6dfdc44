import { CacheWatcher, DispatchedEvent } from './cache-watcher';
import type { WatchCacheEvent } from './event-ring';

/**
 * The watchers of one resource, split by the trigger function's value (kube-apiserver's
 * indexedTrigger): a watch whose field selector pins the trigger field (pods with
 * spec.nodeName=node-1) is woken only by events whose object had or has that value; every other
 * watch sees every event. One DispatchedEvent is shared by all of them.
 */
export class WatcherSet {
  private readonly unindexed = new Set<CacheWatcher>();
  private readonly byValue = new Map<string, Set<CacheWatcher>>();
  private readonly valueOf = new Map<CacheWatcher, string>();

  get size(): number {
    return this.unindexed.size + this.valueOf.size;
  }

  /** How many watchers wait on one trigger value (for tests and metrics). */
  indexedCount(value: string): number {
    return this.byValue.get(value)?.size ?? 0;
  }

  add(w: CacheWatcher, triggerValue?: string): void {
    if (triggerValue === undefined) {
      this.unindexed.add(w);
      return;
    }
    let set = this.byValue.get(triggerValue);
    if (!set) this.byValue.set(triggerValue, (set = new Set()));
    set.add(w);
    this.valueOf.set(w, triggerValue);
  }

  remove(w: CacheWatcher): void {
    if (this.unindexed.delete(w)) return;
    const value = this.valueOf.get(w);
    if (value === undefined) return;
    this.valueOf.delete(w);
    const set = this.byValue.get(value);
    set?.delete(w);
    if (set?.size === 0) this.byValue.delete(value);
  }

  dispatch(ev: WatchCacheEvent): void {
    const d = new DispatchedEvent(ev);
    for (const w of this.unindexed) w.dispatch(d);
    if (this.byValue.size === 0) return;
    const cur = ev.object?.triggerValue;
    const prev = ev.prevObject?.triggerValue;
    if (cur !== undefined) this.dispatchTo(cur, d);
    if (prev !== undefined && prev !== cur) this.dispatchTo(prev, d);
  }

  forEach(fn: (w: CacheWatcher) => void): void {
    for (const w of [...this.unindexed, ...this.valueOf.keys()]) fn(w);
  }

  private dispatchTo(value: string, d: DispatchedEvent): void {
    const set = this.byValue.get(value);
    if (set) for (const w of set) w.dispatch(d);
  }
}
