import type { Status } from '../../api/errors/status';
import type { KObject } from '../../runtime/object';
import type { Interface } from '../interfaces';
import { everything } from '../selection-predicate';
import type { Watch } from '../watch';
import { newCachedObject, type ObjectCodec } from './cached-object';
import type { WatchCache } from './watch-cache';

export interface ReflectorOptions {
  /** The backend storage the cache mirrors. */
  storage: Interface;
  resourcePrefix: string;
  keyFunc: (obj: KObject) => string;
  codec: ObjectCodec;
  cache: WatchCache;
  /** Before a LIST replaces the cache (the Cacher ends its watchers: their history is gone). */
  onRelist: (initial: boolean) => void;
  /** After the cache holds a fresh LIST. */
  onReady: () => void;
  /** Pause between failed attempts (ms); doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

type WatchOutcome = 'relist' | 'rewatch';

/**
 * The cacher's reflector: LIST the resource at the backend's current revision, then WATCH from
 * that revision, feeding every change and progress bookmark into the watch cache. A watch that
 * ends is resumed from the cache's revision; a 410 (history compacted) or a backend that went back
 * in time (restored or wiped) forces a new LIST, as client-go's ListAndWatch does.
 */
export class Reflector {
  private stopped = false;
  private current?: Watch;
  private sleeping?: { timer: NodeJS.Timeout; resolve: () => void };
  private done?: Promise<void>;
  /** LISTs so far (1 after start; more after compaction or backend loss). */
  lists = 0;
  lastError?: unknown;

  constructor(private readonly opts: ReflectorOptions) {}

  start(): void {
    this.done ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.stop();
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.resolve();
    }
    // A backend call in flight is not waited for beyond a moment: shutdown must not hang on a hung backend.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000).unref()))]);
    clearTimeout(timer);
  }

  private async run(): Promise<void> {
    const base = this.opts.backoffMs ?? 100;
    let backoff = base;
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.list();
          needList = false;
        }
        const outcome = await this.watch();
        if (outcome === 'relist') needList = true;
        backoff = base;
        if (outcome === 'rewatch' && !this.stopped) {
          await this.sleep(base);
          needList = await this.backendWentBack();
        }
      } catch (err) {
        this.lastError = err;
        needList = needList || (await this.backendWentBack().catch(() => false));
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.opts.maxBackoffMs ?? 5000);
      }
    }
  }

  private async list(): Promise<void> {
    const { storage, resourcePrefix, keyFunc, codec, cache } = this.opts;
    this.opts.onRelist(this.lists === 0);
    const res = await storage.getList(resourcePrefix, { predicate: everything(), recursive: true });
    if (this.stopped) return;
    const versioner = storage.versioner();
    const objects = res.items.map((obj) => {
      const key = keyFunc(obj);
      return newCachedObject(key, obj, versioner.objectResourceVersion(obj), codec);
    });
    cache.replace(objects, Number(res.resourceVersion));
    this.lists++;
    this.opts.onReady();
  }

  /** Streams changes into the cache until the watch ends. */
  private async watch(): Promise<WatchOutcome> {
    const { storage, resourcePrefix, keyFunc, codec, cache } = this.opts;
    const versioner = storage.versioner();
    const w = await storage.watch(resourcePrefix, {
      resourceVersion: String(cache.resourceVersion),
      recursive: true,
      predicate: { ...everything(), allowWatchBookmarks: true },
      progressNotify: true,
    });
    this.current = w;
    if (this.stopped) w.stop();
    try {
      for await (const ev of w) {
        if (ev.type === 'ERROR') {
          const status = ev.object as Status;
          this.lastError = status;
          return status.code === 410 ? 'relist' : 'rewatch';
        }
        const obj = ev.object as KObject;
        const rv = versioner.objectResourceVersion(obj);
        if (ev.type === 'BOOKMARK') {
          cache.setResourceVersion(rv);
          continue;
        }
        const key = keyFunc(obj);
        cache.processEvent(key, ev.type === 'DELETED' ? undefined : newCachedObject(key, obj, rv, codec), rv);
      }
      return 'rewatch';
    } finally {
      w.stop();
      this.current = undefined;
    }
  }

  /** A backend behind the cache (restored from a backup, or wiped) cannot continue the cache's history. */
  private async backendWentBack(): Promise<boolean> {
    const rev = await this.opts.storage.getCurrentResourceVersion();
    return rev < this.opts.cache.resourceVersion;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping = undefined;
        resolve();
      }, ms);
      timer.unref();
      this.sleeping = { timer, resolve };
    });
  }
}
