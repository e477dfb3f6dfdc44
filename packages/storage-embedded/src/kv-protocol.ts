import { storage } from '@kapi/apiserver-core';

/**
 * The wire format between the storage owner (kv-socket-server.ts) and its workers' remote KV
 * (remote-kv.ts) under `kapi server --storage-backend embedded --workers N` (docs/workers.md).
 *
 * A frame is `u32 length ‖ u32 header length ‖ header (JSON) ‖ value bytes`. Values travel as raw
 * bytes after the header — a KeyValue's `v` is its value's [offset, length] in that tail — so an
 * object is never base64-encoded or copied into a JSON string; only keys and numbers are JSON.
 */

/** A KeyValue on the wire: the value is a slice of the frame's tail. */
interface WireKV {
  k: string;
  c: number;
  m: number;
  l?: number;
  v: [offset: number, length: number];
}

/** A KVError (or any other failure, as Unavailable) on the wire: its code survives the socket. */
export interface WireError {
  code: storage.KVErrorCode;
  message: string;
  revision: number;
}

/** What a worker asks the owner; `id` pairs the answer (or, for watch, names the stream). */
export type Request =
  | { id: number; op: 'get'; key: string; revision?: number }
  | { id: number; op: 'range'; prefix: string; opts?: storage.RangeOptions }
  | { id: number; op: 'count'; prefix: string }
  | { id: number; op: 'create'; key: string; value: Buffer; ttlSeconds?: number }
  | { id: number; op: 'update'; key: string; value: Buffer; expectedModRevision: number; ttlSeconds?: number }
  | { id: number; op: 'delete'; key: string; expectedModRevision: number }
  | { id: number; op: 'currentRevision' | 'requestProgress' | 'health' | 'size' }
  | { id: number; op: 'compact'; revision: number }
  | { id: number; op: 'watch'; prefix: string; startRevision: number }
  | { id: number; op: 'cancel' };

/** What the owner sends back: one answer per request, and a stream of messages per watch. */
export type Message =
  | { id: number; t: 'result'; result: unknown }
  | { id: number; t: 'error'; error: WireError }
  | { id: number; t: 'event'; event: storage.KVEvent }
  | { id: number; t: 'progress'; revision: number }
  | { id: number; t: 'watchError'; error: WireError };

/** The store's file size and pages in use (EmbeddedKV.size), for apiserver_storage_size_bytes. */
export interface StoreSize {
  sizeBytes: number;
  sizeInUseBytes: number;
}

/** Collects value bytes while a header is built, so they follow it in the frame. */
class Tail {
  readonly parts: Buffer[] = [];
  length = 0;

  add(value: Buffer): [number, number] {
    const at: [number, number] = [this.length, value.length];
    this.parts.push(value);
    this.length += value.length;
    return at;
  }
}

function toWireKV(kv: storage.KeyValue, tail: Tail): WireKV {
  const w: WireKV = { k: kv.key, c: kv.createRevision, m: kv.modRevision, v: tail.add(kv.value) };
  if (kv.lease !== undefined) w.l = kv.lease;
  return w;
}

function fromWireKV(w: WireKV, tail: Buffer): storage.KeyValue {
  const kv: storage.KeyValue = { key: w.k, value: tail.subarray(w.v[0], w.v[0] + w.v[1]), createRevision: w.c, modRevision: w.m };
  if (w.l !== undefined) kv.lease = w.l;
  return kv;
}

/** Results and events carry KeyValues in known places; these turn them into / out of wire form. */
function encodeBody(body: Record<string, unknown>, tail: Tail): Record<string, unknown> {
  const out = { ...body };
  if (Buffer.isBuffer(out.value)) out.value = tail.add(out.value);
  const kvs = (x: unknown) => (x === undefined ? undefined : toWireKV(x as storage.KeyValue, tail));
  const result = out.result as Record<string, unknown> | undefined;
  if (result && typeof result === 'object') {
    out.result = { ...result, kv: kvs(result.kv), kvs: (result.kvs as storage.KeyValue[] | undefined)?.map((kv) => toWireKV(kv, tail)) };
  }
  const event = out.event as storage.KVEvent | undefined;
  if (event) out.event = { type: event.type, kv: toWireKV(event.kv, tail), prevKv: kvs(event.prevKv) };
  return out;
}

function decodeBody(body: Record<string, unknown>, tail: Buffer): Record<string, unknown> {
  if (Array.isArray(body.value)) body.value = tail.subarray(body.value[0], body.value[0] + body.value[1]);
  const result = body.result as Record<string, unknown> | undefined;
  if (result && typeof result === 'object') {
    if (result.kv) result.kv = fromWireKV(result.kv as WireKV, tail);
    if (result.kvs) result.kvs = (result.kvs as WireKV[]).map((w) => fromWireKV(w, tail));
  }
  const event = body.event as { kv: WireKV; prevKv?: WireKV } | undefined;
  if (event) {
    (event as unknown as storage.KVEvent).kv = fromWireKV(event.kv, tail);
    if (event.prevKv) (event as unknown as storage.KVEvent).prevKv = fromWireKV(event.prevKv, tail);
  }
  return body;
}

/** One frame for a request or message. */
export function encodeFrame(body: Request | Message): Buffer {
  const tail = new Tail();
  const header = Buffer.from(JSON.stringify(encodeBody(body as unknown as Record<string, unknown>, tail)));
  const prefix = Buffer.allocUnsafe(8);
  prefix.writeUInt32BE(4 + header.length + tail.length, 0);
  prefix.writeUInt32BE(header.length, 4);
  return Buffer.concat([prefix, header, ...tail.parts], 8 + header.length + tail.length);
}

/** Largest frame accepted: a range of the whole store can be big, a corrupt length must not allocate gigabytes. */
const maxFrameBytes = 1 << 30;

/**
 * Splits a byte stream into decoded frames. Bytes arrive in arbitrary chunks; a frame is decoded
 * once all of it is there, and its values are slices of that one buffer (no per-value copy).
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly onFrame: (body: Record<string, unknown>) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      const head = this.chunks[0].length >= 4 ? this.chunks[0] : this.flatten();
      const size = head.readUInt32BE(0);
      if (size > maxFrameBytes || size < 4) throw new Error(`kv protocol: bad frame length ${size}`);
      if (this.buffered < 4 + size) return;
      const all = this.flatten();
      // Values are slices of their frame; a frame sharing its buffer with others is copied out, so a
      // value a watch cache keeps pins its own frame, not a whole socket read.
      const frame = all.length === 4 + size ? all.subarray(4) : Buffer.from(all.subarray(4, 4 + size));
      const rest = all.subarray(4 + size);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      const headerLength = frame.readUInt32BE(0);
      const header = JSON.parse(frame.toString('utf8', 4, 4 + headerLength)) as Record<string, unknown>;
      this.onFrame(decodeBody(header, frame.subarray(4 + headerLength)));
    }
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0];
  }
}

export function toWireError(err: unknown): WireError {
  if (storage.isKVError(err)) return { code: err.code, message: err.message, revision: err.revision };
  return { code: 'Unavailable', message: err instanceof Error ? err.message : String(err), revision: 0 };
}

export function fromWireError(e: WireError): storage.KVError {
  return new storage.KVError(e.code, e.message, e.revision);
}
