import { ProtobufWireError, WireReader, WireType } from './wire-reader';

/** The four bytes "k8s\0" that open every object kube-apiserver's protobuf serializer writes. */
export const protobufMagic = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** runtime.Unknown: the envelope {typeMeta = 1, raw = 2, contentEncoding = 3, contentType = 4} around an object. */
export interface UnknownEnvelope {
  apiVersion: string;
  kind: string;
  /** The object's own message, without apiVersion and kind. */
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const utf8 = new TextDecoder('utf-8');

/** Reads the magic prefix and the runtime.Unknown after it, as the protobuf serializer's Decode does. */
export function decodeUnknown(body: Uint8Array): UnknownEnvelope {
  if (body.length < protobufMagic.length || protobufMagic.some((b, i) => body[i] !== b)) {
    throw new ProtobufWireError(`provided data does not appear to be a protobuf message, expected prefix [${protobufMagic.join(' ')}]`);
  }
  const out: UnknownEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const r = new WireReader(body.subarray(protobufMagic.length));
  while (!r.done) {
    const { fieldNumber, wireType } = r.readTag();
    if (fieldNumber > 4) {
      r.skip(wireType);
      continue;
    }
    if (wireType !== WireType.LengthDelimited) throw new ProtobufWireError(`Unknown field ${fieldNumber}: wire type ${wireType}, expected 2`);
    const bytes = r.readLengthDelimited();
    if (fieldNumber === 1) Object.assign(out, decodeTypeMeta(bytes));
    else if (fieldNumber === 2) out.raw = bytes;
    else if (fieldNumber === 3) out.contentEncoding = utf8.decode(bytes);
    else out.contentType = utf8.decode(bytes);
  }
  return out;
}

/** runtime.TypeMeta {apiVersion = 1, kind = 2}. */
function decodeTypeMeta(bytes: Uint8Array): { apiVersion: string; kind: string } {
  const tm = { apiVersion: '', kind: '' };
  const r = new WireReader(bytes);
  while (!r.done) {
    const { fieldNumber, wireType } = r.readTag();
    if ((fieldNumber === 1 || fieldNumber === 2) && wireType === WireType.LengthDelimited) {
      tm[fieldNumber === 1 ? 'apiVersion' : 'kind'] = utf8.decode(r.readLengthDelimited());
    } else {
      r.skip(wireType);
    }
  }
  return tm;
}
