/** Protocol buffers wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
export enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  StartGroup = 3,
  EndGroup = 4,
  Fixed32 = 5,
}

/** A malformed or truncated protobuf message. */
export class ProtobufWireError extends Error {}

export interface FieldTag {
  fieldNumber: number;
  wireType: WireType;
}

/**
 * A cursor over protobuf-encoded bytes: the handful of primitives gogo-protobuf's generated
 * Unmarshal functions use to read Kubernetes objects. Varints come back as bigint so that negative
 * int32s (sign-extended to ten bytes) and int64s beyond 2^53 keep their exact value.
 */
export class WireReader {
  private pos = 0;
  private readonly buf: Uint8Array;

  constructor(buf: Uint8Array) {
    // A plain Uint8Array view: Buffer's subarray builds a Buffer each time, which costs more.
    this.buf = Buffer.isBuffer(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : buf;
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  readTag(): FieldTag {
    const key = this.readUint32();
    const fieldNumber = key >>> 3;
    const wireType = (key & 7) as WireType;
    if (fieldNumber <= 0) throw new ProtobufWireError(`illegal field number ${fieldNumber}`);
    if (wireType > WireType.Fixed32) throw new ProtobufWireError(`illegal wire type ${wireType} for field ${fieldNumber}`);
    return { fieldNumber, wireType };
  }

  /**
   * A varint as a number: exact for the non-negative values below 2^49 that nearly every field holds,
   * and for longer ones (negative numbers, sign-extended to ten bytes) the int64 they encode.
   */
  readVarintNumber(): number {
    const start = this.pos;
    let value = 0;
    for (let i = 0, scale = 1; i < 7; i++, scale *= 128) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
    }
    this.pos = start;
    return Number(BigInt.asIntN(64, this.readVarint()));
  }

  /** Tags and lengths: a varint that must fit 32 bits. */
  readUint32(): number {
    const v = this.readVarintNumber();
    if (v < 0 || v > 0xffffffff) throw new ProtobufWireError(`varint ${v} does not fit 32 bits`);
    return v;
  }

  readVarint(): bigint {
    let small = 0;
    // Fast path: up to four bytes (28 bits) fit a plain number exactly.
    for (let shift = 0; shift < 28; shift += 7) {
      const b = this.byte();
      small |= (b & 0x7f) << shift;
      if (b < 0x80) return BigInt(small >>> 0);
    }
    let value = BigInt(small >>> 0);
    for (let shift = 28n; shift < 70n; shift += 7n) {
      const b = this.byte();
      value |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, value);
    }
    throw new ProtobufWireError('varint longer than ten bytes');
  }

  readFixed32(): Uint8Array {
    return this.take(4);
  }

  readFixed64(): Uint8Array {
    return this.take(8);
  }

  readDouble(): number {
    const b = this.readFixed64();
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }

  readLengthDelimited(): Uint8Array {
    const len = this.readUint32();
    if (len > this.buf.length - this.pos) throw new ProtobufWireError('length-delimited field runs past the end of the message');
    return this.take(len);
  }

  /** Skips a field of an unknown number, as gogo's skipGenerated does. */
  skip(wireType: WireType): void {
    switch (wireType) {
      case WireType.Varint:
        this.readVarintNumber();
        return;
      case WireType.Fixed64:
        this.take(8);
        return;
      case WireType.Fixed32:
        this.take(4);
        return;
      case WireType.LengthDelimited:
        this.readLengthDelimited();
        return;
      case WireType.StartGroup:
        this.skipGroup();
        return;
      default:
        throw new ProtobufWireError(`unexpected wire type ${wireType}`);
    }
  }

  /** Groups (deprecated, never written by Kubernetes) are skipped without recursion, however deep they nest. */
  private skipGroup(): void {
    for (let depth = 1; depth > 0; ) {
      const { wireType } = this.readTag();
      if (wireType === WireType.StartGroup) depth++;
      else if (wireType === WireType.EndGroup) depth--;
      else this.skip(wireType);
    }
  }

  private byte(): number {
    if (this.pos >= this.buf.length) throw new ProtobufWireError('unexpected end of message');
    return this.buf[this.pos++];
  }

  private take(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new ProtobufWireError('unexpected end of message');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
