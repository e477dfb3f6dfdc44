/**
 * A minimal protobuf encoder for tests: builds the bytes a gogo-protobuf Marshal would write, so
 * tests can state a message field by field.
 */
export function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? b | 0x80 : b);
  } while (v > 0n);
  return Buffer.from(out);
}

export function tag(fieldNumber: number, wireType: number): Buffer {
  return varint((fieldNumber << 3) | wireType);
}

export function varintField(fieldNumber: number, value: number | bigint | boolean): Buffer {
  return Buffer.concat([tag(fieldNumber, 0), varint(typeof value === 'boolean' ? Number(value) : value)]);
}

export function bytesField(fieldNumber: number, value: Uint8Array | string): Buffer {
  const b = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  return Buffer.concat([tag(fieldNumber, 2), varint(b.length), b]);
}

export function messageField(fieldNumber: number, ...parts: Buffer[]): Buffer {
  return bytesField(fieldNumber, Buffer.concat(parts));
}

export function doubleField(fieldNumber: number, value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return Buffer.concat([tag(fieldNumber, 1), b]);
}

/** A whole request body: "k8s\0" + runtime.Unknown{typeMeta, raw}. */
export function k8sEnvelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = messageField(1, bytesField(1, apiVersion), bytesField(2, kind));
  return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), typeMeta, bytesField(2, raw)]);
}
