import { storageErrors } from '../errors';
import type { Interface } from '../interfaces';
import type { WatchCache } from './watch-cache';

/** How often progress is requested from the backend while a read waits for the cache. */
const progressRequestPeriodMs = 100;

/**
 * waitUntilFreshAndBlock plus the progress requester of KEP-2340: a read that needs the cache at a
 * revision waits for it, and while anyone waits the backend is asked for progress notifications,
 * so the cache learns the current revision even when this resource had no change near it.
 */
export class CacheFreshness {
  private timer?: NodeJS.Timeout;
  private progressSupported?: Promise<boolean>;

  constructor(
    private readonly storage: Interface,
    private readonly cache: WatchCache,
    private readonly timeoutMs: number,
    private trustProgress: boolean,
  ) {}

  /**
   * Consistent reads from the cache need progress notifications the backend vouches for: a backend
   * that has none, or refuses them (etcd before 3.4.31/3.5.13), gets those reads itself.
   */
  async progressReliable(): Promise<boolean> {
    if (!this.trustProgress) return false;
    this.progressSupported ??= this.storage.requestWatchProgress
      ? this.storage.requestWatchProgress().then(
          () => true,
          () => false,
        )
      : Promise.resolve(false);
    return this.trustProgress && (await this.progressSupported);
  }

  /** A progress notification overtook an event: from now on consistent reads go to the backend. */
  distrustProgress(): void {
    this.trustProgress = false;
  }

  /** NotOlderThan: waits for revision; a revision the backend has not reached yet fails at once. */
  async require(revision: number): Promise<void> {
    if (this.cache.resourceVersion >= revision) return;
    const current = await this.storage.getCurrentResourceVersion();
    if (revision > current) throw storageErrors.tooLargeResourceVersion(revision, current);
    if (!(await this.wait(revision))) throw storageErrors.tooLargeResourceVersion(revision, this.cache.resourceVersion);
  }

  /**
   * A watch from revision without initial state: the backend must have reached it, the cache need
   * not. Its watcher skips every event up to revision, so the events the cache has yet to receive
   * between its own revision and this one are dropped as they arrive, and nothing later is missed.
   * Waiting for the cache instead fails whenever it cannot learn the backend's revision (no progress
   * notifications, as on etcd 3.4) and the resource had no write since — a LIST's resourceVersion.
   */
  async requireReachedByBackend(revision: number): Promise<void> {
    if (this.cache.resourceVersion >= revision) return;
    const current = await this.storage.getCurrentResourceVersion();
    if (revision > current) throw storageErrors.tooLargeResourceVersion(revision, current);
  }

  /** Consistent read: true once the cache reached the backend's current revision, false on timeout. */
  async catchUpWithBackend(): Promise<boolean> {
    const current = await this.storage.getCurrentResourceVersion();
    return this.wait(current);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private wait(revision: number): Promise<boolean> {
    if (this.cache.resourceVersion >= revision) return Promise.resolve(true);
    const fresh = this.cache.waitUntilFresh(revision, this.timeoutMs);
    this.requestProgress();
    return fresh;
  }

  private requestProgress(): void {
    if (!this.storage.requestWatchProgress) return;
    // Reads waiting together share the requests: one now, then one per period while anyone waits.
    if (this.timer) return;
    const ask = () => void this.storage.requestWatchProgress!().catch(() => undefined);
    queueMicrotask(ask);
    this.timer = setInterval(() => {
      if (!this.cache.hasWaiters) return this.stop();
      ask();
    }, progressRequestPeriodMs);
    this.timer.unref();
  }
}
