import { FieldSelector, isLister, isWatcher, LabelSelector, type KObject, type Lister, type Storage, type Watcher } from '@kapi/apiserver-core';

export type NamespaceHandler = (ns: KObject) => void;

/**
 * A small informer over the namespaces storage: list, then watch from the list's revision, and
 * start over (after a pause) when the watch ends — plus a periodic resync, so a failed step of a
 * controller is retried without an event.
 */
export class NamespaceInformer {
  private stopped = false;
  private stopWatch?: () => void;
  private resync?: NodeJS.Timeout;

  constructor(
    private readonly namespaces: Storage,
    private readonly handler: NamespaceHandler,
    private readonly resyncMs = 30_000,
  ) {}

  start(): void {
    if (!isLister(this.namespaces) || !isWatcher(this.namespaces)) return;
    const storage = this.namespaces as Storage & Lister & Watcher;
    void this.run(storage);
    this.resync = setInterval(() => void this.listAll(storage).catch(() => undefined), this.resyncMs);
    this.resync.unref();
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
    if (this.resync) clearInterval(this.resync);
  }

  private async listAll(storage: Lister): Promise<string> {
    const list = await storage.list({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() });
    for (const ns of list.items) this.handler(ns);
    return list.metadata.resourceVersion ?? '';
  }

  private async run(storage: Lister & Watcher): Promise<void> {
    while (!this.stopped) {
      try {
        const rv = await this.listAll(storage);
        const w = await storage.watch({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything(), resourceVersion: rv });
        this.stopWatch = () => w.stop();
        if (this.stopped) w.stop();
        for await (const ev of w) {
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.handler(ev.object as KObject);
        }
      } catch {
        // Storage unavailable or the watch expired: list again shortly.
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, 1000).unref());
    }
  }
}
