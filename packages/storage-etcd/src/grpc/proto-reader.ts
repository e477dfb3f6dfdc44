/**
 * The protobuf wire format's reading half for etcd's replies: a cursor over one buffer that reads
 * tags, varints and length-delimited fields, and skips whatever field the caller does not read (so
 * fields a newer etcd adds are ignored, as protobuf requires).
 */

export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's tag: number << 3 | wire type. */
  tag(): number {
    return this.varint();
  }

  /**
   * A varint as a number: exact below 2^53, which covers revisions, counts and sizes. Ten-byte
   * varints (negative int64) come out as large positive numbers, which etcd never sends here.
   */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error('protobuf: truncated varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
  }

  /**
   * An int64 reduced to its low 53 bits: lease ids are made from the member id (high bits) and a
   * counter (low bits), and kapi only needs to tell them apart (see etcd-key-value.ts).
   */
  varintLow53(): number {
    this.varint64();
    return (this.hi & 0x1fffff) * 2 ** 32 + this.lo;
  }

  /** A signed int64 that is small in magnitude (watch ids: -1 answers a progress request). */
  int64(): number {
    this.varint64();
    if (this.hi & 0x80000000) return -((~this.hi >>> 0) * 2 ** 32 + (~this.lo >>> 0) + 1);
    return this.hi * 2 ** 32 + this.lo;
  }

  /** An int64 as its decimal string, all 64 bits kept (lease ids). */
  int64String(): string {
    this.varint64();
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo)).toString();
  }

  private lo = 0;
  private hi = 0;

  /** Reads a varint into its unsigned 32-bit halves (lo, hi). */
  private varint64(): void {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new Error('protobuf: truncated varint');
      const b = this.buf[this.pos++];
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >> 4;
      } else if (shift < 64) hi |= bits << (shift - 32);
      if (b < 0x80) break;
      shift += 7;
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  bool(): boolean {
    return this.varint() !== 0;
  }

  /** The bounds of a length-delimited field, leaving the cursor after it. */
  delimited(): { start: number; end: number } {
    const length = this.varint();
    const start = this.pos;
    const end = start + length;
    if (end > this.end) throw new Error('protobuf: length-delimited field runs past its message');
    this.pos = end;
    return { start, end };
  }

  /** Bytes as a view into the reply (no copy). */
  bytes(): Buffer {
    const { start, end } = this.delimited();
    return this.buf.subarray(start, end);
  }

  string(): string {
    const { start, end } = this.delimited();
    return this.buf.toString('utf8', start, end);
  }

  /** A nested message: a reader bounded to it. */
  message(): ProtoReader {
    const { start, end } = this.delimited();
    return new ProtoReader(this.buf, start, end);
  }

  skip(tag: number): void {
    switch (tag & 7) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        return;
      case 2:
        this.delimited();
        return;
      case 5:
        this.pos += 4;
        return;
      default:
        throw new Error(`protobuf: unsupported wire type ${tag & 7}`);
    }
  }
}
