import { isList, isMap, isMessage, type ElementType, type FieldDescriptor, type JSONValue, type MessageDescriptor, type ScalarType } from './descriptor';
import { ProtobufWireError, WireReader, WireType } from './wire-reader';

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8');
/** Recursive messages (JSONSchemaProps) nest as deep as the body does: a hostile body must not reach the stack limit. */
const MAX_DEPTH = 64;

const wireTypeOf: Record<ScalarType, WireType> = {
  string: WireType.LengthDelimited,
  bytes: WireType.LengthDelimited,
  bool: WireType.Varint,
  int32: WireType.Varint,
  int64: WireType.Varint,
  uint32: WireType.Varint,
  double: WireType.Fixed64,
};

const zeroOf: Record<ScalarType, JSONValue> = { string: '', bytes: '', bool: false, int32: 0, int64: 0, uint32: 0, double: 0 };

/** What the wire held for one field, before it is rendered. */
type Collected = { scalar: JSONValue } | { chunks: Uint8Array[] } | { items: JSONValue[] } | { entries: Record<string, JSONValue> };

/**
 * Decodes one message into the JSON encoding/json would write for the Go struct gogo-protobuf
 * unmarshals it into: unknown field numbers are skipped, a message field seen twice is merged (its
 * encodings concatenated, as the protobuf spec defines), and absent fields render by their mode.
 */
export function decodeMessage(desc: MessageDescriptor, bytes: Uint8Array, depth = 0): JSONValue {
  if (depth > MAX_DEPTH) throw new ProtobufWireError(`message nesting deeper than ${MAX_DEPTH}`);
  if (desc.decodeWellKnown) return desc.decodeWellKnown(bytes, depth);
  const seen = new Map<number, Collected>();
  const r = new WireReader(bytes);
  while (!r.done) {
    const { fieldNumber, wireType } = r.readTag();
    const f = desc.byNumber.get(fieldNumber);
    if (!f) {
      r.skip(wireType);
      continue;
    }
    collect(seen, desc, f, r, wireType, depth);
  }
  const out: { [key: string]: JSONValue } = {};
  for (const f of desc.fields) render(out, f, seen.get(f.number), depth);
  return out;
}

function collect(seen: Map<number, Collected>, desc: MessageDescriptor, f: FieldDescriptor, r: WireReader, wireType: WireType, depth: number): void {
  const t = f.type;
  const prev = seen.get(f.number);
  if (isList(t)) {
    const items = prev && 'items' in prev ? prev.items : [];
    const el = t.list;
    if (!isMessage(el) && wireType === WireType.LengthDelimited && wireTypeOf[el] !== WireType.LengthDelimited) {
      // A packed repeated scalar: one length-delimited run of values.
      const packed = new WireReader(r.readLengthDelimited());
      while (!packed.done) items.push(readScalar(packed, wireTypeOf[el], el, desc, f));
    } else {
      items.push(readElement(r, wireType, el, desc, f, depth));
    }
    seen.set(f.number, { items });
  } else if (isMap(t)) {
    const entries = prev && 'entries' in prev ? prev.entries : {};
    expectWireType(wireType, WireType.LengthDelimited, desc, f);
    const [key, value] = readMapEntry(r.readLengthDelimited(), t.map, desc, f, depth);
    entries[key] = value;
    seen.set(f.number, { entries });
  } else if (isMessage(t)) {
    expectWireType(wireType, WireType.LengthDelimited, desc, f);
    const chunks = prev && 'chunks' in prev ? prev.chunks : [];
    chunks.push(r.readLengthDelimited());
    seen.set(f.number, { chunks });
  } else {
    seen.set(f.number, { scalar: readScalar(r, wireType, t, desc, f) });
  }
}

function render(out: { [key: string]: JSONValue }, f: FieldDescriptor, c: Collected | undefined, depth: number): void {
  const t = f.type;
  const name = f.jsonName;
  if (isList(t) || isMap(t)) {
    const value = c && 'items' in c ? c.items : c && 'entries' in c ? c.entries : undefined;
    const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);
    if (!empty) out[name] = value;
    else if (f.mode === 'noOmitEmpty' || f.mode === 'nullable') out[name] = null;
    return;
  }
  if (isMessage(t)) {
    const chunks = c && 'chunks' in c ? c.chunks : undefined;
    if (!chunks && f.mode === 'pointer') return;
    if (!chunks && f.mode === 'nullable') {
      out[name] = null;
      return;
    }
    const value = decodeMessage(t, chunks ? concat(chunks) : EMPTY, depth + 1);
    if (f.mode === 'inline') Object.assign(out, value);
    else out[name] = value;
    return;
  }
  const present = c !== undefined && 'scalar' in c;
  const value = present ? c.scalar : zeroOf[t];
  if (f.mode === 'pointer') {
    if (present) out[name] = value;
  } else if (f.mode === 'nullable') {
    out[name] = present ? value : null;
  } else if (f.mode === 'noOmitEmpty' || value !== zeroOf[t]) {
    out[name] = value;
  }
}

function readElement(r: WireReader, wireType: WireType, el: ElementType, desc: MessageDescriptor, f: FieldDescriptor, depth: number): JSONValue {
  if (!isMessage(el)) return readScalar(r, wireType, el, desc, f);
  expectWireType(wireType, WireType.LengthDelimited, desc, f);
  return decodeMessage(el, r.readLengthDelimited(), depth + 1);
}

/** A map entry is a message {key = 1; value = 2}; either may be absent and then takes its zero value. */
function readMapEntry(bytes: Uint8Array, el: ElementType, desc: MessageDescriptor, f: FieldDescriptor, depth: number): [string, JSONValue] {
  const r = new WireReader(bytes);
  let key = '';
  let value: JSONValue | undefined;
  const chunks: Uint8Array[] = [];
  while (!r.done) {
    const tag = r.readTag();
    if (tag.fieldNumber === 1) {
      expectWireType(tag.wireType, WireType.LengthDelimited, desc, f);
      key = utf8.decode(r.readLengthDelimited());
    } else if (tag.fieldNumber === 2 && isMessage(el)) {
      expectWireType(tag.wireType, WireType.LengthDelimited, desc, f);
      chunks.push(r.readLengthDelimited());
    } else if (tag.fieldNumber === 2 && !isMessage(el)) {
      value = readScalar(r, tag.wireType, el, desc, f);
    } else {
      r.skip(tag.wireType);
    }
  }
  if (isMessage(el)) return [key, decodeMessage(el, concat(chunks), depth + 1)];
  return [key, value ?? zeroOf[el]];
}

function readScalar(r: WireReader, wireType: WireType, t: ScalarType, desc: MessageDescriptor, f: FieldDescriptor): JSONValue {
  expectWireType(wireType, wireTypeOf[t], desc, f);
  switch (t) {
    case 'string':
      return utf8.decode(r.readLengthDelimited());
    case 'bytes':
      return Buffer.from(r.readLengthDelimited()).toString('base64');
    case 'bool':
      return r.readVarintNumber() !== 0;
    // Go's int32(x) and uint32(x) keep the low 32 bits, as ToInt32 and ToUint32 do.
    case 'int32':
      return r.readVarintNumber() | 0;
    case 'uint32':
      return r.readVarintNumber() >>> 0;
    case 'int64':
      return r.readVarintNumber();
    case 'double':
      return r.readDouble();
  }
}

function expectWireType(got: WireType, want: WireType, desc: MessageDescriptor, f: FieldDescriptor): void {
  if (got !== want) throw new ProtobufWireError(`${desc.name}.${f.jsonName || f.number}: wire type ${got}, expected ${want}`);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
