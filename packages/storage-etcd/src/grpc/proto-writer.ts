/**
 * The protobuf wire format's writing half, just what etcd's requests need: varints, length-delimited
 * bytes and nested messages, written into one growing buffer that starts with room for gRPC's
 * 5-byte message prefix, so a request is framed without a second copy.
 *
 * Fields are written the way proto3 encoders write them (Go's, and protobufjs's for the fields it is
 * given): in field-number order, as the caller calls, each nested message's length as a minimal
 * varint — the length is reserved as one byte and the body moved right in the rare case it is longer.
 */

const wireVarint = 0;
const wireLengthDelimited = 2;
const grpcPrefixBytes = 5;

export class ProtoWriter {
  private buf: Buffer;
  private pos = grpcPrefixBytes;

  constructor(initialBytes = 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** An int64/uint64/enum field from a number (non-negative, below 2^53: revisions, limits, enum values). */
  uint(field: number, value: number): this {
    this.tag(field, wireVarint);
    this.varint(value);
    return this;
  }

  /** An int64 field from its decimal string (lease ids use all 63 bits). */
  int64String(field: number, value: string): this {
    let v = BigInt.asUintN(64, BigInt(value));
    this.tag(field, wireVarint);
    this.reserve(10);
    while (v > 0x7fn) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  bool(field: number, value: boolean): this {
    return this.uint(field, value ? 1 : 0);
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, wireLengthDelimited);
    this.varint(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** A nested message: `body` writes its fields into this writer. */
  message(field: number, body: (w: ProtoWriter) => void): this {
    this.tag(field, wireLengthDelimited);
    this.reserve(1);
    const lengthAt = this.pos++;
    body(this);
    const length = this.pos - lengthAt - 1;
    const extra = varintSize(length) - 1;
    if (extra > 0) {
      this.reserve(extra);
      this.buf.copyWithin(lengthAt + 1 + extra, lengthAt + 1, this.pos);
      this.pos += extra;
    }
    writeVarintAt(this.buf, lengthAt, length);
    return this;
  }

  /** The message with gRPC's prefix (uncompressed flag, big-endian length) in front. */
  finishGrpcFrame(): Buffer {
    this.buf[0] = 0;
    this.buf.writeUInt32BE(this.pos - grpcPrefixBytes, 1);
    return this.buf.subarray(0, this.pos);
  }

  /** The message alone, without the gRPC prefix (for comparing with other encoders). */
  finishMessage(): Buffer {
    return this.buf.subarray(grpcPrefixBytes, this.pos);
  }

  private tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  private varint(value: number): void {
    this.reserve(10);
    this.pos = writeVarintAt(this.buf, this.pos, value);
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/** Writes a varint of a non-negative safe integer; returns the position after it. */
function writeVarintAt(buf: Buffer, pos: number, value: number): number {
  // Bit operations stop at 32 bits; larger values (revisions in a long-lived cluster) divide instead.
  while (value >= 0x80) {
    buf[pos++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  buf[pos++] = value;
  return pos;
}
