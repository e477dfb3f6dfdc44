/**
 * All watches of one EtcdKV share a single etcd Watch stream, as clientv3 multiplexes them: one
 * connection however many resources are watched. The stream is a raw gRPC call on LeanKVClient's
 * current endpoint (grpc/stream-call.ts, grpc/etcd-watch-proto.ts): every write reaches kapi again
 * as a watch event, and decoding it through grpc-js and protobufjs cost more than the rest of the
 * event's way. We drive the stream ourselves because kube-apiserver needs what a client's watcher hides:
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
import { fromWireKeyValue } from './etcd-key-value';
import { decodeWatchResponse, encodeWatchCancel, encodeWatchCreate, encodeWatchProgress, watchMethod, type WatchResponse } from './grpc/etcd-watch-proto';
import type { GrpcStreamCall } from './grpc/stream-call';
import { ProtoReader } from './grpc/proto-reader';
import type { LeanKVClient } from './lean-kv-client';

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
  private stream?: GrpcStreamCall;
  private reconnectTimer?: NodeJS.Timeout;
  private backoffMs = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly client: LeanKVClient) {}

  watch(key: Buffer, rangeEnd: Buffer | undefined, startRevision: number, sink: KVWatchSink): KVWatch {
    const sub: Subscription = { id: this.nextId++, key, rangeEnd, nextRevision: startRevision, sink, created: false };
    this.subs.set(sub.id, sub);
    if (this.stream) this.sendCreate(sub);
    else this.connect();
    return { cancel: () => this.cancel(sub) };
  }

  /** Asks etcd for a progress notification on every watch of the stream (etcd's RequestProgress). */
  async requestProgress(): Promise<void> {
    if (this.stream && this.subs.size > 0) this.stream.write(encodeWatchProgress());
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
    if (this.stream && sub.created) this.stream.write(encodeWatchCancel(sub.id));
  }

  private connect(): void {
    if (this.stream || this.closed || this.subs.size === 0) return;
    let stream: GrpcStreamCall | undefined;
    try {
      stream = this.client.openStream(watchMethod, {
        onMessage: (message) => this.onResponse(decodeWatchResponse(new ProtoReader(message))),
        onEnd: () => this.onBroken(stream),
      });
    } catch {
      // Every endpoint's circuit is open: try again after the backoff.
      return this.onBroken(undefined);
    }
    this.stream = stream;
    for (const sub of this.subs.values()) this.sendCreate(sub);
  }

  private sendCreate(sub: Subscription): void {
    sub.created = false;
    this.stream?.write(encodeWatchCreate({ key: sub.key, rangeEnd: sub.rangeEnd, startRevision: sub.nextRevision, watchId: sub.id }));
  }

  private onBroken(stream: GrpcStreamCall | undefined): void {
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

  private onResponse(res: WatchResponse): void {
    this.backoffMs = 0;
    const id = res.watchId;
    const revision = res.revision;
    if (id === broadcastWatchId) {
      for (const sub of this.subs.values()) if (sub.created) this.progress(sub, revision);
      return;
    }
    const sub = this.subs.get(id);
    if (!sub) {
      // Canceled by us before etcd acknowledged it: cancel it there too. Anything else is in flight.
      if (res.created && !res.canceled) this.stream?.write(encodeWatchCancel(id));
      return;
    }
    if (res.canceled) {
      this.subs.delete(id);
      const compacted = res.compactRevision;
      sub.sink.error(
        compacted > 0
          ? new storage.KVError('Compacted', `required revision ${sub.nextRevision} has been compacted`, compacted)
          : new storage.KVError('Unavailable', `etcd canceled the watch: ${res.cancelReason || 'no reason given'}`),
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
      const kv = fromWireKeyValue(ev.kv);
      if (kv.modRevision < from) continue; // already delivered before a reconnect
      sub.nextRevision = Math.max(sub.nextRevision, kv.modRevision + 1);
      sub.sink.event({ type: ev.type, kv, prevKv: ev.prevKv && fromWireKeyValue(ev.prevKv) });
      if (!this.subs.has(id)) return; // the sink canceled the watch
    }
  }

  private progress(sub: Subscription, revision: number): void {
    if (revision + 1 > sub.nextRevision) sub.nextRevision = revision + 1;
    sub.sink.progress?.(revision);
  }
}
