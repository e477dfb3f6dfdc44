/**
 * etcd's KV and Maintenance messages (etcdserverpb/rpc.proto, mvccpb/kv.proto) that EtcdKV uses,
 * encoded and decoded by hand: the fields kapi sends and reads, by their numbers in those files.
 * Revisions are numbers (exact below 2^53); a lease id travels as its decimal string outbound and
 * comes back as its low 53 bits (etcd-key-value.ts explains why that is enough).
 *
 * Requests are written with proto3's canonical omissions (zero, false and empty fields left out,
 * as etcd's Go client does), except a Compare's target value, whose presence in the oneof matters.
 */
import { ProtoReader } from './proto-reader';
import { ProtoWriter } from './proto-writer';

/** gRPC method paths (service etcdserverpb.KV / etcdserverpb.Maintenance). */
export const etcdMethods = {
  range: '/etcdserverpb.KV/Range',
  txn: '/etcdserverpb.KV/Txn',
  compact: '/etcdserverpb.KV/Compact',
  status: '/etcdserverpb.Maintenance/Status',
  leaseGrant: '/etcdserverpb.Lease/LeaseGrant',
} as const;

export interface RangeRequest {
  key: Uint8Array;
  rangeEnd?: Uint8Array;
  limit?: number;
  revision?: number;
  countOnly?: boolean;
}

export interface PutRequest {
  key: Uint8Array;
  value: Uint8Array;
  /** Lease id (int64) as a decimal string. */
  lease?: string;
  prevKv?: boolean;
}

export interface DeleteRangeRequest {
  key: Uint8Array;
  rangeEnd?: Uint8Array;
  prevKv?: boolean;
}

export type RequestOp = { range: RangeRequest } | { put: PutRequest } | { deleteRange: DeleteRangeRequest };

/** Compare.CompareTarget and its oneof member: the value to compare against. */
export type CompareTarget = { version: number } | { createRevision: number } | { modRevision: number };

export interface Compare {
  key: Uint8Array;
  /** Only Equal is used (CompareResult 0). */
  target: CompareTarget;
}

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

export interface CompactionRequest {
  revision: number;
  physical?: boolean;
}

export interface KeyValue {
  key: string;
  createRevision: number;
  modRevision: number;
  version: number;
  value: Buffer;
  /** The lease id's low 53 bits; 0 without a lease. */
  lease: number;
}

export interface RangeResponse {
  revision: number;
  kvs: KeyValue[];
  more: boolean;
  count: number;
}

export interface PutResponse {
  revision: number;
  prevKv?: KeyValue;
}

export interface DeleteRangeResponse {
  revision: number;
  deleted: number;
  prevKvs: KeyValue[];
}

export interface ResponseOp {
  range?: RangeResponse;
  put?: PutResponse;
  deleteRange?: DeleteRangeResponse;
}

export interface TxnResponse {
  revision: number;
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface LeaseGrantResponse {
  revision: number;
  /** The lease id (int64) as a decimal string. */
  id: string;
  ttl: number;
  /** etcd's refusal, if any (LeaseGrantResponse.error). */
  error: string;
}

export interface StatusResponse {
  revision: number;
  version: string;
  dbSize: number;
}

// ---- requests ----

export function encodeRangeRequest(req: RangeRequest, w = new ProtoWriter()): ProtoWriter {
  w.bytes(1, req.key);
  if (req.rangeEnd && req.rangeEnd.length > 0) w.bytes(2, req.rangeEnd);
  if (req.limit) w.uint(3, req.limit);
  if (req.revision) w.uint(4, req.revision);
  if (req.countOnly) w.bool(9, true);
  return w;
}

export function encodePutRequest(req: PutRequest, w = new ProtoWriter()): ProtoWriter {
  w.bytes(1, req.key);
  if (req.value.length > 0) w.bytes(2, req.value);
  if (req.lease && req.lease !== '0') w.int64String(3, req.lease);
  if (req.prevKv) w.bool(4, true);
  return w;
}

export function encodeDeleteRangeRequest(req: DeleteRangeRequest, w = new ProtoWriter()): ProtoWriter {
  w.bytes(1, req.key);
  if (req.rangeEnd && req.rangeEnd.length > 0) w.bytes(2, req.rangeEnd);
  if (req.prevKv) w.bool(3, true);
  return w;
}

function encodeRequestOp(op: RequestOp, w: ProtoWriter): void {
  if ('range' in op) w.message(1, (m) => encodeRangeRequest(op.range, m));
  else if ('put' in op) w.message(2, (m) => encodePutRequest(op.put, m));
  else w.message(3, (m) => encodeDeleteRangeRequest(op.deleteRange, m));
}

// Compare.CompareTarget enum values, and the oneof field each compares.
function encodeCompare(c: Compare, w: ProtoWriter): void {
  const t = c.target;
  const [target, field, value] = 'version' in t ? [0, 4, t.version] : 'createRevision' in t ? [1, 5, t.createRevision] : [2, 6, t.modRevision];
  if (target) w.uint(2, target);
  w.bytes(3, c.key);
  w.uint(field, value);
}

export function encodeTxnRequest(req: TxnRequest, w = new ProtoWriter()): ProtoWriter {
  for (const c of req.compare) w.message(1, (m) => encodeCompare(c, m));
  for (const op of req.success) w.message(2, (m) => encodeRequestOp(op, m));
  for (const op of req.failure) w.message(3, (m) => encodeRequestOp(op, m));
  return w;
}

export function encodeCompactionRequest(req: CompactionRequest, w = new ProtoWriter()): ProtoWriter {
  if (req.revision) w.uint(1, req.revision);
  if (req.physical) w.bool(2, true);
  return w;
}

/** LeaseGrantRequest: the TTL in seconds; the id is left to etcd. */
export function encodeLeaseGrantRequest(ttlSeconds: number, w = new ProtoWriter(32)): ProtoWriter {
  if (ttlSeconds) w.uint(1, ttlSeconds);
  return w;
}

// ---- responses ----

/** ResponseHeader: kapi reads the store's revision only. */
export function decodeHeaderRevision(r: ProtoReader): number {
  let revision = 0;
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((3 << 3) | 0)) revision = r.varint();
    else r.skip(tag);
  }
  return revision;
}

export function decodeKeyValue(r: ProtoReader): KeyValue {
  const kv: KeyValue = { key: '', createRevision: 0, modRevision: 0, version: 0, value: emptyValue, lease: 0 };
  while (!r.done) {
    const tag = r.tag();
    switch (tag) {
      case (1 << 3) | 2:
        kv.key = r.string();
        break;
      case (2 << 3) | 0:
        kv.createRevision = r.varint();
        break;
      case (3 << 3) | 0:
        kv.modRevision = r.varint();
        break;
      case (4 << 3) | 0:
        kv.version = r.varint();
        break;
      case (5 << 3) | 2:
        kv.value = r.bytes();
        break;
      case (6 << 3) | 0:
        kv.lease = r.varintLow53();
        break;
      default:
        r.skip(tag);
    }
  }
  return kv;
}

const emptyValue = Buffer.alloc(0);

export function decodeRangeResponse(r: ProtoReader): RangeResponse {
  const res: RangeResponse = { revision: 0, kvs: [], more: false, count: 0 };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) res.revision = decodeHeaderRevision(r.message());
    else if (tag === ((2 << 3) | 2)) res.kvs.push(decodeKeyValue(r.message()));
    else if (tag === ((3 << 3) | 0)) res.more = r.bool();
    else if (tag === ((4 << 3) | 0)) res.count = r.varint();
    else r.skip(tag);
  }
  return res;
}

function decodePutResponse(r: ProtoReader): PutResponse {
  const res: PutResponse = { revision: 0 };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) res.revision = decodeHeaderRevision(r.message());
    else if (tag === ((2 << 3) | 2)) res.prevKv = decodeKeyValue(r.message());
    else r.skip(tag);
  }
  return res;
}

function decodeDeleteRangeResponse(r: ProtoReader): DeleteRangeResponse {
  const res: DeleteRangeResponse = { revision: 0, deleted: 0, prevKvs: [] };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) res.revision = decodeHeaderRevision(r.message());
    else if (tag === ((2 << 3) | 0)) res.deleted = r.varint();
    else if (tag === ((3 << 3) | 2)) res.prevKvs.push(decodeKeyValue(r.message()));
    else r.skip(tag);
  }
  return res;
}

function decodeResponseOp(r: ProtoReader): ResponseOp {
  const op: ResponseOp = {};
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) op.range = decodeRangeResponse(r.message());
    else if (tag === ((2 << 3) | 2)) op.put = decodePutResponse(r.message());
    else if (tag === ((3 << 3) | 2)) op.deleteRange = decodeDeleteRangeResponse(r.message());
    else r.skip(tag); // a nested TxnResponse: kapi sends no nested txn
  }
  return op;
}

export function decodeTxnResponse(r: ProtoReader): TxnResponse {
  const res: TxnResponse = { revision: 0, succeeded: false, responses: [] };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) res.revision = decodeHeaderRevision(r.message());
    else if (tag === ((2 << 3) | 0)) res.succeeded = r.bool();
    else if (tag === ((3 << 3) | 2)) res.responses.push(decodeResponseOp(r.message()));
    else r.skip(tag);
  }
  return res;
}

/** CompactionResponse: only its header. */
export function decodeCompactionResponse(r: ProtoReader): { revision: number } {
  let revision = 0;
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) revision = decodeHeaderRevision(r.message());
    else r.skip(tag);
  }
  return { revision };
}

export function decodeStatusResponse(r: ProtoReader): StatusResponse {
  const res: StatusResponse = { revision: 0, version: '', dbSize: 0 };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) res.revision = decodeHeaderRevision(r.message());
    else if (tag === ((2 << 3) | 2)) res.version = r.string();
    else if (tag === ((3 << 3) | 0)) res.dbSize = r.varint();
    else r.skip(tag);
  }
  return res;
}

export function decodeLeaseGrantResponse(r: ProtoReader): LeaseGrantResponse {
  const res: LeaseGrantResponse = { revision: 0, id: '0', ttl: 0, error: '' };
  while (!r.done) {
    const tag = r.tag();
    if (tag === ((1 << 3) | 2)) res.revision = decodeHeaderRevision(r.message());
    else if (tag === ((2 << 3) | 0)) res.id = r.int64String();
    else if (tag === ((3 << 3) | 0)) res.ttl = r.varint();
    else if (tag === ((4 << 3) | 2)) res.error = r.string();
    else r.skip(tag);
  }
  return res;
}
