import { newInternalError, newResourceExpired } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import { predicateMatches, type SelectionPredicate } from '../selection-predicate';
import { apiObjectVersioner } from '../versioner';
import { WatchChannel, type Watch, type WatchEvent } from '../watch';
import { isKVError, type KV, type KVEvent, type KeyValue } from './interfaces';

export interface KVWatcherOptions {
  prefix: string;
  /** Watch of one object: only this exact key. */
  exactKey?: string;
  predicate: SelectionPredicate;
  decode: (kv: KeyValue) => Promise<KObject>;
  newFunc?: () => KObject;
  sendInitialEvents?: boolean;
  capacity?: number;
}

/** The annotation marking the bookmark that ends a WatchList's initial events (KEP-3157). */
export const initialEventsEndAnnotation = 'k8s.io/initial-events-end';

/**
 * etcd3/watcher.go over the KV surface: turns key events into ADDED/MODIFIED/DELETED for objects
 * matching the predicate (an object leaving the selection is DELETED, entering it is ADDED),
 * replays the current state for resourceVersion 0, and maps a compacted start to 410 Expired.
 */
export class KVWatcher {
  private readonly chan: WatchChannel;
  private cancel?: () => void;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly kv: KV,
    private readonly opts: KVWatcherOptions,
  ) {
    this.chan = new WatchChannel(opts.capacity ?? 10000, () => this.cancel?.());
  }

  async start(resourceVersion: number): Promise<Watch> {
    let from = resourceVersion + 1;
    if (resourceVersion === 0 || this.opts.sendInitialEvents) {
      const rev = await this.sendInitialState(resourceVersion);
      from = rev + 1;
    }
    const w = this.kv.watch(this.opts.prefix, from, {
      event: (ev) => this.enqueue(() => this.onEvent(ev)),
      error: (err) => this.enqueue(async () => this.fail(err)),
      progress: (rev) => this.enqueue(async () => this.bookmark(rev)),
    });
    this.cancel = () => w.cancel();
    if (this.chan.stopped) w.cancel();
    return this.chan;
  }

  /** Lists the state at the start revision and sends it as ADDED events. */
  private async sendInitialState(resourceVersion: number): Promise<number> {
    const { exactKey, prefix } = this.opts;
    const page = exactKey
      ? await this.kv.get(exactKey, resourceVersion).then((r) => ({ kvs: r.kv ? [r.kv] : [], revision: resourceVersion || r.revision }))
      : await this.kv.range(prefix, { revision: resourceVersion }).then((r) => ({ kvs: r.kvs, revision: resourceVersion || r.revision }));
    for (const kv of page.kvs) {
      const obj = await this.opts.decode(kv);
      if (predicateMatches(this.opts.predicate, obj)) this.send({ type: 'ADDED', object: obj });
    }
    if (this.opts.sendInitialEvents && this.opts.predicate.allowWatchBookmarks) {
      this.bookmark(page.revision, { [initialEventsEndAnnotation]: 'true' });
    }
    return page.revision;
  }

  private enqueue(fn: () => Promise<void>): void {
    this.pending = this.pending.then(fn).catch((err) => this.fail(err));
  }

  private async onEvent(ev: KVEvent): Promise<void> {
    if (this.opts.exactKey && ev.kv.key !== this.opts.exactKey) return;
    const cur = ev.type === 'put' ? await this.opts.decode(ev.kv) : undefined;
    const prev = ev.prevKv ? await this.opts.decode(ev.prevKv) : undefined;
    const curMatch = cur !== undefined && predicateMatches(this.opts.predicate, cur);
    const prevMatch = prev !== undefined && predicateMatches(this.opts.predicate, prev);
    if (cur && curMatch) {
      this.send({ type: prevMatch ? 'MODIFIED' : 'ADDED', object: cur });
    } else if (prev && prevMatch) {
      // Deleted, or no longer selected: the last state, stamped with the revision of its end.
      const gone = prev;
      apiObjectVersioner.updateObject(gone, ev.kv.modRevision);
      this.send({ type: 'DELETED', object: gone });
    }
  }

  private bookmark(revision: number, annotations?: Record<string, string>): void {
    if (!this.opts.predicate.allowWatchBookmarks) return;
    const obj: KObject = this.opts.newFunc ? this.opts.newFunc() : {};
    obj.metadata = { resourceVersion: String(revision), ...(annotations ? { annotations } : {}) };
    this.send({ type: 'BOOKMARK', object: obj });
  }

  private fail(err: unknown): void {
    const status = isKVError(err, 'Compacted')
      ? newResourceExpired(`too old resource version: ${this.startHint(err)} (${err.revision})`).toStatus()
      : newInternalError(err).toStatus();
    this.chan.send({ type: 'ERROR', object: status });
    this.chan.close();
  }

  private startHint(err: Error): string {
    const m = /revision (\d+)/.exec(err.message);
    return m ? String(Number(m[1]) - 1) : '0';
  }

  private send(ev: WatchEvent): void {
    if (!this.chan.send(ev) && !this.chan.stopped) {
      // A consumer this far behind would only fall further: end its watch so it re-lists.
      this.chan.close();
    }
  }
}
