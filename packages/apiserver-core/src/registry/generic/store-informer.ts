import { FieldSelector } from '../../fields/selector';
import { LabelSelector } from '../../labels/selector';
import type { Lister, Watcher } from '../../rest/interfaces';
import type { KObject } from '../../runtime/object';

/** What an informer tells its owner: a full list (on every re-list), then single changes. */
export interface InformerHandler {
  replace(items: KObject[]): void;
  upsert(obj: KObject): void;
  remove(obj: KObject): void;
}

const everything = () => ({ labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });

/**
 * A reflector over one Store, as client-go's informers: list, then watch from the list's
 * resourceVersion, and list again whenever the watch ends — an expired resourceVersion (410 ERROR
 * event), a storage error or a closed stream all come back here.
 */
export class StoreInformer {
  private stopped = false;
  private stopWatch?: () => void;
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];

  constructor(
    private readonly store: Lister & Watcher,
    private readonly handler: InformerHandler,
    private readonly retryMs = 1000,
  ) {}

  get hasSynced(): boolean {
    return this.synced;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
  }

  /** Resolves once the first list has been delivered. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    for (const w of this.syncWaiters.splice(0)) w();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const list = await this.store.list({}, everything());
        this.handler.replace(list.items);
        this.markSynced();
        const w = await this.store.watch({}, { ...everything(), resourceVersion: list.metadata.resourceVersion ?? '', allowWatchBookmarks: true });
        this.stopWatch = () => w.stop();
        if (this.stopped) w.stop();
        for await (const ev of w) {
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.handler.upsert(ev.object as KObject);
          else if (ev.type === 'DELETED') this.handler.remove(ev.object as KObject);
          else if (ev.type === 'ERROR') break;
        }
        w.stop();
      } catch {
        // Storage unavailable or the list failed: try again after a pause.
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, this.retryMs).unref());
    }
  }
}
