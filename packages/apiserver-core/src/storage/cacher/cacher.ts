import { newTooManyRequests } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import { storageErrors } from '../errors';
import type { DeleteOptions, GetOptions, GuaranteedUpdateOptions, Interface, ListOptions, ListResult, RawListResult, Versioner } from '../interfaces';
import { initialEventsEndAnnotation } from '../kv/kv-watcher';
import type { AttrFunc, SelectionPredicate } from '../selection-predicate';
import type { Watch, WatchEvent } from '../watch';
import type { IndexerFunc, Indexers } from '../indexers';
import { indexedField, type CachedObject } from './cached-object';
import { CacheWatcher, expiredWatch, replay, type LazyEvent } from './cache-watcher';
import { CacheFreshness } from './freshness';
import { Reflector } from './reflector';
import { WatchCache } from './watch-cache';
import { WatcherSet } from './watcher-set';
import { withRawJSON } from '../../runtime/raw-json';

export interface CacherConfig {
  /** The backend storage.Interface the cache sits in front of. */
  storage: Interface;
  /** The resource's key prefix ("/pods"). */
  resourcePrefix: string;
  keyFunc: (obj: KObject) => string;
  newFunc: () => KObject;
  getAttrs: AttrFunc;
  triggerFuncs?: IndexerFunc[];
  indexers?: Indexers;
  /** Initial event history (--watch-cache-sizes); it grows while events are younger than 75 s. */
  cacheSize?: number;
  maxCacheSize?: number;
  /** Live events a watcher may have pending before it is terminated as too slow. */
  watcherBufferSize?: number;
  /** How often a watcher that allows bookmarks gets one (kube-apiserver: about once a minute). */
  bookmarkIntervalMs?: number;
  /** How long a read waits for the cache to reach a revision (kube-apiserver's 3 s). */
  freshnessTimeoutMs?: number;
  /**
   * Serve LIST and WATCH without resourceVersion from the cache (KEP-2340; default true). Even when
   * on, they go to the backend if its requestWatchProgress is missing or rejects (EtcdKV refuses it
   * on etcd before 3.4.31/3.5.13, whose progress answers can overtake events).
   */
  consistentReadsFromCache?: boolean;
}

/**
 * Cacher (k8s.io/apiserver/pkg/storage/cacher): storage.Interface serving reads and watches of one
 * resource from a watch cache fed by a reflector, and passing writes to the backend.
 *
 * - GET/LIST with resourceVersion "0" or a NotOlderThan revision come from the cache, once it has
 *   reached that revision; LIST without resourceVersion is a consistent read (KEP-2340): the cache
 *   answers after catching up to the backend's current revision, the backend when it cannot in time.
 * - GET without resourceVersion, Exact, and limit/continue paging go to the backend, as in
 *   kube-apiserver, since the cache keeps neither snapshots nor continue tokens.
 * - Every watch is served from the cache: one dispatch per event to all watchers.
 */
export class Cacher implements Interface {
  readonly watchCache: WatchCache;
  readonly watchers = new WatcherSet();
  private readonly reflector: Reflector;
  private readonly freshness: CacheFreshness;
  private readonly trigger?: IndexerFunc;
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  private readonly bookmarkTimer: NodeJS.Timeout;
  private readonly bookmarkIntervalMs: number;
  private destroyed = false;

  constructor(private readonly config: CacherConfig) {
    const indexNames = Object.keys(config.indexers ?? {});
    const size = config.cacheSize ?? 100;
    this.watchCache = new WatchCache({ capacity: size, maxCapacity: Math.max(size, config.maxCacheSize ?? 100 * 1024), freshMs: 75_000 }, indexNames);
    this.trigger = config.triggerFuncs?.[0];
    this.freshness = new CacheFreshness(config.storage, this.watchCache, config.freshnessTimeoutMs ?? 3000, config.consistentReadsFromCache ?? true);
    this.watchCache.onEvent = (ev) => this.watchers.dispatch(ev);
    // A backend whose progress notifications overtake events cannot vouch for the cache's freshness.
    this.watchCache.onProgressOvertaken = () => this.freshness.distrustProgress();
    this.reflector = new Reflector({
      storage: config.storage,
      resourcePrefix: config.resourcePrefix,
      keyFunc: config.keyFunc,
      codec: { getAttrs: config.getAttrs, trigger: this.trigger, indexers: config.indexers },
      cache: this.watchCache,
      onRelist: (initial) => this.onRelist(initial),
      onReady: () => this.setReady(),
    });
    this.bookmarkIntervalMs = config.bookmarkIntervalMs ?? 50_000;
    this.bookmarkTimer = setInterval(() => this.sendBookmarks(), Math.min(1000, this.bookmarkIntervalMs));
    this.bookmarkTimer.unref();
    this.reflector.start();
  }

  versioner(): Versioner {
    return this.config.storage.versioner();
  }

  /** Resolves once the first LIST is in the cache (or rejects after timeoutMs). */
  async waitReady(timeoutMs = 10_000): Promise<void> {
    if (this.ready) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(newTooManyRequests('storage is (re)initializing', 1)), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** LISTs the reflector made (1 unless the backend lost or compacted the cache's history). */
  get listCount(): number {
    return this.reflector.lists;
  }

  create(key: string, obj: KObject, ttlSeconds?: number): Promise<KObject> {
    return this.config.storage.create(key, obj, ttlSeconds);
  }

  delete(key: string, opts: DeleteOptions = {}): Promise<KObject> {
    return this.config.storage.delete(key, { ...opts, cachedExistingObject: opts.cachedExistingObject ?? this.cached(key) });
  }

  guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions): Promise<KObject> {
    return this.config.storage.guaranteedUpdate(key, { ...opts, cachedExistingObject: opts.cachedExistingObject ?? this.cached(key) });
  }

  count(key: string): Promise<number> {
    return this.config.storage.count(key);
  }

  async readinessCheck(): Promise<void> {
    await this.config.storage.readinessCheck();
    if (!this.ready) throw newTooManyRequests('storage is (re)initializing', 1);
  }

  getCurrentResourceVersion(): Promise<number> {
    return this.config.storage.getCurrentResourceVersion();
  }

  async requestWatchProgress(): Promise<void> {
    await this.config.storage.requestWatchProgress?.();
  }

  async get(key: string, opts: GetOptions): Promise<KObject | undefined> {
    const rv = this.versioner().parseResourceVersion(opts.resourceVersion);
    if (!opts.resourceVersion || !this.ready) return this.config.storage.get(key, opts);
    await this.freshness.require(rv);
    const obj = this.watchCache.get(key);
    if (obj) return withRawJSON(obj.decode(), obj.json);
    if (opts.ignoreNotFound) return undefined;
    throw storageErrors.keyNotFound(key, this.watchCache.resourceVersion);
  }

  async getList(key: string, opts: ListOptions): Promise<ListResult> {
    const cached = await this.selectForList(key, opts);
    if (!cached) return this.config.storage.getList(key, opts);
    return { items: cached.objects.map((o) => withRawJSON(o.decode(), o.json)), resourceVersion: cached.resourceVersion };
  }

  /**
   * The cached list as its items' JSON, never decoded: a JSON LIST without conversion sends these
   * strings spliced into the envelope, so 5,000 items cost no JSON.parse (kube-apiserver's cacher
   * likewise serves each object's cached serialization). Undefined when the backend must answer.
   */
  async getListRawJSON(key: string, opts: ListOptions): Promise<RawListResult | undefined> {
    const cached = await this.selectForList(key, opts);
    if (!cached || !cached.objects.every((o) => o.typed)) return undefined;
    return { items: cached.objects.map((o) => o.json), resourceVersion: cached.resourceVersion };
  }

  /** The cached objects a list answers with, once the cache is fresh enough; undefined when the backend must answer. */
  private async selectForList(key: string, opts: ListOptions): Promise<{ objects: CachedObject[]; resourceVersion: string } | undefined> {
    const rv = this.versioner().parseResourceVersion(opts.resourceVersion);
    if (shouldDelegateList(opts) || !this.ready || (!opts.resourceVersion && !(await this.freshness.progressReliable()))) return undefined;
    if (!opts.resourceVersion) {
      if (!(await this.freshness.catchUpWithBackend())) return undefined;
    } else {
      await this.freshness.require(rv);
    }
    return { objects: this.watchCache.select(key, opts.recursive ?? true, opts.predicate), resourceVersion: String(this.watchCache.resourceVersion) };
  }

  async watch(key: string, opts: ListOptions): Promise<Watch> {
    const rv = this.versioner().parseResourceVersion(opts.resourceVersion);
    await this.waitReady();
    if (!opts.resourceVersion) {
      // Unset: the watch starts at the backend's current state, like a consistent read.
      if (!(await this.freshness.progressReliable()) || !(await this.freshness.catchUpWithBackend())) return this.watchFromBackendState(key, opts);
    } else if (rv > 0) {
      // Initial events need the cache's state at rv; a plain watch from rv needs only the backend there.
      if (opts.sendInitialEvents) await this.freshness.require(rv);
      else await this.freshness.requireReachedByBackend(rv);
    }
    if (this.destroyed) throw newTooManyRequests('storage is shutting down', 1);
    // From here on everything is synchronous: no event can slip between the state or history
    // handed to the watcher and its registration for live events.
    const sendInitial = opts.sendInitialEvents ?? rv === 0;
    const w = this.newWatcher(key, opts, rv > 0 && !sendInitial ? rv : this.watchCache.resourceVersion);
    if (sendInitial) {
      w.setInitial(this.initialState(key, opts));
    } else if (rv > 0) {
      const history = this.watchCache.eventsSince(rv);
      if (!history) return expiredWatch(w, rv, this.watchCache.oldestResourceVersion);
      w.setInitial(replay(w, history));
    }
    return this.register(w, opts);
  }

  /**
   * A watch from "now" when the cache cannot vouch for being current: the state comes from a
   * consistent LIST of the backend at R, the changes after R from the cache (changes up to R that
   * reach the cache later are covered by the LIST and skipped).
   */
  private async watchFromBackendState(key: string, opts: ListOptions): Promise<Watch> {
    if (!opts.recursive) return this.config.storage.watch(key, opts);
    const { limit: _limit, continue: _continue, ...predicate } = opts.predicate;
    const list = await this.config.storage.getList(key, { predicate, recursive: true });
    const from = Number(list.resourceVersion);
    const history = this.watchCache.resourceVersion > from ? this.watchCache.eventsSince(from) : [];
    if (!history || this.destroyed) return this.config.storage.watch(key, opts);
    const w = this.newWatcher(key, opts, from);
    const initial: LazyEvent[] = [];
    if (opts.sendInitialEvents ?? true) {
      for (const object of list.items) initial.push(() => ({ type: 'ADDED', object }));
      if (opts.sendInitialEvents && opts.predicate.allowWatchBookmarks) {
        const end = this.bookmarkEvent(from, { [initialEventsEndAnnotation]: 'true' });
        initial.push(() => end);
      }
    }
    w.setInitial([...initial, ...replay(w, history)]);
    return this.register(w, opts);
  }

  private newWatcher(key: string, opts: ListOptions, startResourceVersion: number): CacheWatcher {
    return new CacheWatcher({
      key,
      recursive: opts.recursive ?? false,
      predicate: opts.predicate,
      capacity: this.config.watcherBufferSize ?? 1000,
      startResourceVersion,
      onStop: (cw) => this.watchers.remove(cw),
    });
  }

  private register(w: CacheWatcher, opts: ListOptions): Watch {
    w.nextBookmarkAt = Date.now() + this.bookmarkIntervalMs;
    this.watchers.add(w, this.triggerValue(opts.predicate));
    return w;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.bookmarkTimer);
    await this.reflector.stop();
    this.freshness.stop();
    this.watchers.forEach((w) => w.close());
  }

  /** ADDED for every selected object, then (WatchList with bookmarks) the initial-events-end bookmark. */
  private initialState(key: string, opts: ListOptions): LazyEvent[] {
    const events: LazyEvent[] = this.watchCache.select(key, opts.recursive ?? false, opts.predicate).map((o) => () => ({ type: 'ADDED', object: o.decode() }));
    if (opts.sendInitialEvents && opts.predicate.allowWatchBookmarks) {
      const ev = this.bookmarkEvent(this.watchCache.resourceVersion, { [initialEventsEndAnnotation]: 'true' });
      events.push(() => ev);
    }
    return events;
  }

  private triggerValue(pred: SelectionPredicate): string | undefined {
    return this.trigger ? pred.field.requiresExactMatch(indexedField(this.trigger.indexName)) : undefined;
  }

  private cached(key: string): KObject | undefined {
    return this.ready ? this.watchCache.get(key)?.decode() : undefined;
  }

  private bookmarkEvent(revision: number, annotations?: Record<string, string>): WatchEvent {
    const obj = this.config.newFunc();
    obj.metadata = { resourceVersion: String(revision), ...(annotations ? { annotations } : {}) };
    return { type: 'BOOKMARK', object: obj };
  }

  /** Periodic bookmarks: one shared event per tick for every watcher whose turn it is. */
  private sendBookmarks(): void {
    if (!this.ready) return;
    const now = Date.now();
    let ev: WatchEvent | undefined;
    this.watchers.forEach((w) => {
      if (!w.allowBookmarks || w.nextBookmarkAt > now) return;
      w.bookmark((ev ??= this.bookmarkEvent(this.watchCache.resourceVersion)), this.watchCache.resourceVersion);
      w.nextBookmarkAt = now + this.bookmarkIntervalMs;
    });
  }

  private onRelist(initial: boolean): void {
    if (initial) return;
    // The history the watchers stand on is gone: end their streams; clients re-watch from their
    // last revision and get 410 if it predates the new LIST.
    this.ready = false;
    this.watchers.forEach((w) => w.close());
  }

  private setReady(): void {
    this.ready = true;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** kube-apiserver's shouldDelegateList: what the cache cannot answer goes to the backend. */
function shouldDelegateList(opts: ListOptions): boolean {
  const pred = opts.predicate;
  if (pred.continue) return true;
  if (pred.limit && pred.limit > 0 && opts.resourceVersion !== '0') return true;
  return !!opts.resourceVersionMatch && opts.resourceVersionMatch !== 'NotOlderThan';
}
