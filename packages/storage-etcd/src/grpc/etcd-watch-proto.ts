/**
 * etcd's Watch messages (etcdserverpb.WatchRequest/WatchResponse, mvccpb.Event), by hand, as
 * etcd-proto.ts does the KV ones: the three requests EtcdWatchStream sends (create with its own
 * watch id, progress_notify and prev_kv; cancel; progress) and the response fields it reads.
 */
import { decodeHeaderRevision, decodeKeyValue, type KeyValue } from './etcd-proto';
import { ProtoReader } from './proto-reader';
import { ProtoWriter } from './proto-writer';

export const watchMethod = '/etcdserverpb.Watch/Watch';

export interface WatchCreateRequest {
  key: Uint8Array;
  rangeEnd?: Uint8Array;
  startRevision: number;
  watchId: number;
}

export interface WatchEvent {
  type: 'put' | 'delete';
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface WatchResponse {
  revision: number;
  watchId: number;
  created: boolean;
  canceled: boolean;
  compactRevision: number;
  cancelReason: string;
  events: WatchEvent[];
}

/** WatchRequest{create_request}: always with progress notifications and previous values, as kube asks. */
export function encodeWatchCreate(req: WatchCreateRequest): Buffer {
  return new ProtoWriter()
    .message(1, (w) => {
      w.bytes(1, req.key);
      if (req.rangeEnd && req.rangeEnd.length > 0) w.bytes(2, req.rangeEnd);
      if (req.startRevision) w.uint(3, req.startRevision);
      w.bool(4, true);
      w.bool(6, true);
      if (req.watchId) w.uint(7, req.watchId);
    })
    .finishGrpcFrame();
}

export function encodeWatchCancel(watchId: number): Buffer {
  return new ProtoWriter(32).message(2, (w) => (watchId ? w.uint(1, watchId) : w)).finishGrpcFrame();
}

export function encodeWatchProgress(): Buffer {
  return new ProtoWriter(16).message(3, () => undefined).finishGrpcFrame();
}

function decodeEvent(r: ProtoReader): WatchEvent {
  let type: WatchEvent['type'] = 'put';
  let kv: KeyValue | undefined;
  let prevKv: KeyValue | undefined;
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 0)) type = r.varint() === 1 ? 'delete' : 'put';
    else if (tag === ((2 << 3) | 2)) kv = decodeKeyValue(r.message());
    else if (tag === ((3 << 3) | 2)) prevKv = decodeKeyValue(r.message());
    else r.skip(tag);
  }
  if (!kv) throw new Error('etcd watch event without a key-value');
  return { type, kv, ...(prevKv && prevKv.key !== '' ? { prevKv } : {}) };
}

export function decodeWatchResponse(r: ProtoReader): WatchResponse {
  const res: WatchResponse = { revision: 0, watchId: 0, created: false, canceled: false, compactRevision: 0, cancelReason: '', events: [] };
  while (!r.done) {
    const tag = r.tag();
    switch (tag) {
      case (1 << 3) | 2:
        res.revision = decodeHeaderRevision(r.message());
        break;
      case (2 << 3) | 0:
        res.watchId = r.int64();
        break;
      case (3 << 3) | 0:
        res.created = r.bool();
        break;
      case (4 << 3) | 0:
        res.canceled = r.bool();
        break;
      case (5 << 3) | 0:
        res.compactRevision = r.varint();
        break;
      case (6 << 3) | 2:
        res.cancelReason = r.string();
        break;
      case (11 << 3) | 2:
        res.events.push(decodeEvent(r.message()));
        break;
      default:
        r.skip(tag);
    }
  }
  return res;
}
