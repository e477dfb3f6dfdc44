/**
 * All watches of one EtcdKV share a single etcd Watch stream, as clientv3 multiplexes them: one
 * connection however many resources are watched. We drive the stream ourselves rather than through
 * the etcd3 client's watcher because kube-apiserver needs what that one hides:
 * - a compacted start revision arrives as a canceled response carrying compact_revision, which
 *   must reach KVWatcher as KVError('Compacted') so clients get 410 Expired and re-list;
 * - progress notifications (empty responses) and RequestProgress answers (watch_id -1) feed
 *   bookmarks.
 * Watch ids are chosen here (WatchCreateRequest.watch_id, etcd ≥ 3.4), so creates need no queue.
 * When the stream breaks (etcd restarted, connection lost) every watch is re-created from the
 * revision after the last one it saw: consumers see a pause, not a gap; if that revision was
 * compacted meanwhile they get Compacted and re-list, as with clientv3.
 *
 * etcd before 3.4.24/3.5.8 may answer RequestProgress with a revision ahead of events a lagging
 * (unsynced) watch has yet to deliver; kube-apiserver lives with the same caveat on those versions.
 */
import { storage } from '@kapi/apiserver-core';
import type { Etcd3, IDuplexStream, IKeyValue, IWatchRequest, IWatchResponse } from 'etcd3';
import { toKeyValue } from './etcd-key-value';

type KVWatchSink = storage.KVWatchSink;
type KVWatch = storage.KVWatch;

interface Subscription {
  id: number;
  key: Buffer;
  rangeEnd?: Buffer;
  /** The first revision this watch still needs (0 = from whatever is current when created). */
  nextRevision: number;
  sink: KVWatchSink;
  /** Acknowledged by etcd on the current stream. */
  created: boolean;
}

/** etcd answers RequestProgress with this watch id: a notification for every watch on the stream. */
const broadcastWatchId = -1;

export class EtcdWatchStream {
  private readonly subs = new Map<number, Subscription>();
  private stream?: IDuplexStream<IWatchRequest, IWatchResponse>;
  private connecting = false;
  private reconnectTimer?: NodeJS.Timeout;
  private backoffMs = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly client: Etcd3) {}

  watch(key: Buffer, rangeEnd: Buffer | undefined, startRevision: number, sink: KVWatchSink): KVWatch {
    const sub: Subscription = { id: this.nextId++, key, rangeEnd, nextRevision: startRevision, sink, created: false };
    this.subs.set(sub.id, sub);
    if (this.stream) this.sendCreate(sub);
    else this.connect();
    return { cancel: () => this.cancel(sub) };
  }

  /** Asks etcd for a progress notification on every watch of the stream (etcd's RequestProgress). */
  async requestProgress(): Promise<void> {
    if (this.stream && this.subs.size > 0) this.stream.write({ progress_request: {} });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.subs.clear();
    this.stream?.cancel();
    this.stream = undefined;
  }

  private cancel(sub: Subscription): void {
    if (!this.subs.delete(sub.id)) return;
    if (this.stream && sub.created) this.stream.write({ cancel_request: { watch_id: sub.id } });
  }

  private connect(): void {
    if (this.connecting || this.stream || this.closed || this.subs.size === 0) return;
    this.connecting = true;
    this.client.watchClient
      .watch()
      .then((stream) => {
        this.connecting = false;
        if (this.closed) return stream.cancel();
        this.stream = stream;
        stream.on('data', (res) => this.onResponse(res));
        stream.on('error', (err) => this.onBroken(stream, err));
        stream.on('end', () => this.onBroken(stream, new Error('watch stream ended')));
        for (const sub of this.subs.values()) this.sendCreate(sub);
      })
      .catch((err: Error) => {
        this.connecting = false;
        this.onBroken(undefined, err);
      });
  }

  private sendCreate(sub: Subscription): void {
    sub.created = false;
    this.stream?.write({
      create_request: {
        key: sub.key,
        range_end: sub.rangeEnd,
        start_revision: sub.nextRevision,
        progress_notify: true,
        prev_kv: true,
        watch_id: sub.id,
      },
    });
  }

  private onBroken(stream: IDuplexStream<IWatchRequest, IWatchResponse> | undefined, _err: Error): void {
    if (stream && stream !== this.stream) return;
    if (this.stream) this.stream.cancel();
    this.stream = undefined;
    for (const sub of this.subs.values()) sub.created = false;
    if (this.closed || this.subs.size === 0 || this.reconnectTimer) return;
    this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 100), 2000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, this.backoffMs);
    this.reconnectTimer.unref();
  }

  private onResponse(res: IWatchResponse): void {
    this.backoffMs = 0;
    const id = Number(res.watch_id);
    const revision = Number(res.header.revision);
    if (id === broadcastWatchId) {
      for (const sub of this.subs.values()) if (sub.created) this.progress(sub, revision);
      return;
    }
    const sub = this.subs.get(id);
    if (!sub) {
      // Canceled by us before etcd acknowledged it: cancel it there too. Anything else is in flight.
      if (res.created && !res.canceled) this.stream?.write({ cancel_request: { watch_id: id } });
      return;
    }
    if (res.canceled) {
      this.subs.delete(id);
      const compacted = Number(res.compact_revision);
      sub.sink.error(
        compacted > 0
          ? new storage.KVError('Compacted', `required revision ${sub.nextRevision} has been compacted`, compacted)
          : new storage.KVError('Unavailable', `etcd canceled the watch: ${res.cancel_reason || 'no reason given'}`),
      );
      return;
    }
    if (res.created) {
      sub.created = true;
      // A watch "from now" resumes after the revision current at its creation.
      if (sub.nextRevision === 0) sub.nextRevision = revision + 1;
      return;
    }
    if (res.events.length === 0) {
      this.progress(sub, revision);
      return;
    }
    // One response carries whole revisions, and a transaction writing several keys gives all its
    // events one revision: the threshold is read once, so the second key of a txn is not taken for
    // a replay of the first.
    const from = sub.nextRevision;
    for (const ev of res.events) {
      const kv = toKeyValue(ev.kv);
      if (kv.modRevision < from) continue; // already delivered before a reconnect
      sub.nextRevision = Math.max(sub.nextRevision, kv.modRevision + 1);
      sub.sink.event({ type: ev.type === 'Delete' ? 'delete' : 'put', kv, prevKv: prevKeyValue(ev.prev_kv) });
      if (!this.subs.has(id)) return; // the sink canceled the watch
    }
  }

  private progress(sub: Subscription, revision: number): void {
    if (revision + 1 > sub.nextRevision) sub.nextRevision = revision + 1;
    sub.sink.progress?.(revision);
  }
}

function prevKeyValue(kv: IKeyValue | null | undefined): storage.KeyValue | undefined {
  return kv && kv.key && kv.key.length > 0 ? toKeyValue(kv) : undefined;
}
