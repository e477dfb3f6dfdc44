import type { Status, StatusCause, StatusDetails } from '../../api/errors/status';
import { protobufMagic } from './envelope';

/**
 * metav1.Status in kube's protobuf encoding, inside the "k8s\0" + runtime.Unknown envelope — what
 * kube-apiserver answers an error with when the client accepts only application/vnd.kubernetes.protobuf
 * (a custom resource's 406, for one). Fields in number order, strings always written as gogo-protobuf
 * writes non-pointer fields; only `details` (a pointer) and ListMeta's remainingItemCount are omitted when unset.
 */
export function encodeStatusProtobuf(status: Status): Buffer {
  const listMeta = Buffer.concat([str(1, ''), str(2, status.metadata.resourceVersion ?? ''), str(3, status.metadata.continue ?? '')]);
  const raw = Buffer.concat([
    bytes(1, listMeta),
    str(2, status.status),
    str(3, status.message ?? ''),
    str(4, status.reason ?? ''),
    ...(status.details ? [bytes(5, details(status.details))] : []),
    varintField(6, status.code),
  ]);
  const typeMeta = Buffer.concat([str(1, status.apiVersion), str(2, status.kind)]);
  const unknown = Buffer.concat([bytes(1, typeMeta), bytes(2, raw), str(3, ''), str(4, '')]);
  return Buffer.concat([Buffer.from(protobufMagic), unknown]);
}

/** metav1.StatusDetails: name 1, group 2, kind 3, causes 4, retryAfterSeconds 5, uid 6. */
function details(d: StatusDetails): Buffer {
  return Buffer.concat([
    str(1, d.name ?? ''),
    str(2, d.group ?? ''),
    str(3, d.kind ?? ''),
    ...(d.causes ?? []).map((c) => bytes(4, cause(c))),
    varintField(5, d.retryAfterSeconds ?? 0),
    str(6, d.uid ?? ''),
  ]);
}

/** metav1.StatusCause: reason 1, message 2, field 3. */
function cause(c: StatusCause): Buffer {
  return Buffer.concat([str(1, c.reason ?? ''), str(2, c.message ?? ''), str(3, c.field ?? '')]);
}

function str(field: number, value: string): Buffer {
  return bytes(field, Buffer.from(value, 'utf8'));
}

function bytes(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(value.length), value]);
}

function varintField(field: number, value: number): Buffer {
  return Buffer.concat([varint(field << 3), varint(value)]);
}

/** Base-128 varint; int32 values here are never negative. */
function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}
