import type { DeleteOptions, GetOptions, GuaranteedUpdateOptions, Interface, ListOptions, ListResult, Versioner } from '../../interfaces';
import type { KObject } from '../../../runtime/object';
import type { Watch } from '../../watch';

/**
 * A real storage.Interface seen through a link the test controls: it counts the calls that reach
 * the backend, can cut the backend's watch streams (a lost connection), and can hide progress
 * notifications. Everything else is the backend itself.
 */
export class DelegatingStorage implements Interface {
  readonly calls: Record<string, number> = {};
  /** Without it the cache cannot learn of revisions from other resources. */
  progress = true;
  private readonly open = new Set<Watch>();

  /** Replaceable, to stand for a backend restored from an older backup. */
  constructor(public inner: Interface) {}

  private tally(op: string): void {
    this.calls[op] = (this.calls[op] ?? 0) + 1;
  }

  /** Ends every open watch, as a dropped connection to the backend would. */
  cutWatches(): void {
    for (const w of this.open) w.stop();
    this.open.clear();
  }

  versioner(): Versioner {
    return this.inner.versioner();
  }
  create(key: string, obj: KObject, ttl?: number): Promise<KObject> {
    this.tally('create');
    return this.inner.create(key, obj, ttl);
  }
  delete(key: string, opts?: DeleteOptions): Promise<KObject> {
    this.tally(opts?.cachedExistingObject ? 'deleteFromCached' : 'delete');
    return this.inner.delete(key, opts);
  }
  async watch(key: string, opts: ListOptions): Promise<Watch> {
    this.tally('watch');
    const w = await this.inner.watch(key, opts);
    this.open.add(w);
    return w;
  }
  get(key: string, opts: GetOptions): Promise<KObject | undefined> {
    this.tally('get');
    return this.inner.get(key, opts);
  }
  getList(key: string, opts: ListOptions): Promise<ListResult> {
    this.tally('getList');
    return this.inner.getList(key, opts);
  }
  guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions): Promise<KObject> {
    this.tally(opts.cachedExistingObject ? 'guaranteedUpdateFromCached' : 'guaranteedUpdate');
    return this.inner.guaranteedUpdate(key, opts);
  }
  count(key: string): Promise<number> {
    return this.inner.count(key);
  }
  readinessCheck(): Promise<void> {
    return this.inner.readinessCheck();
  }
  getCurrentResourceVersion(): Promise<number> {
    return this.inner.getCurrentResourceVersion();
  }
  async requestWatchProgress(): Promise<void> {
    if (this.progress) await this.inner.requestWatchProgress?.();
  }
}
