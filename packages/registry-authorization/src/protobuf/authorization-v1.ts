import { protobuf } from '@kapi/apiserver-core';

const { list, map, message, wellKnown } = protobuf;
const { ObjectMeta } = protobuf.metaV1;

/** authorization.k8s.io/v1 review requests, as k8s.io/api/authorization/v1 declares them (kubectl auth can-i sends protobuf). */
export const ResourceAttributes = message('ResourceAttributes', [
  [1, 'namespace', 'string'],
  [2, 'verb', 'string'],
  [3, 'group', 'string'],
  [4, 'version', 'string'],
  [5, 'resource', 'string'],
  [6, 'subresource', 'string'],
  [7, 'name', 'string'],
]);

export const NonResourceAttributes = message('NonResourceAttributes', [
  [1, 'path', 'string'],
  [2, 'verb', 'string'],
]);

/**
 * ExtraValue is `message ExtraValue { repeated string items = 1; }` on the wire but a plain string
 * list in JSON (a named []string in Go), so it is read as a well-known value.
 */
export const ExtraValue = wellKnown('ExtraValue', (bytes) => repeatedStrings(bytes, 1));

export const SubjectAccessReviewSpec = message('SubjectAccessReviewSpec', [
  [1, 'resourceAttributes', ResourceAttributes, 'pointer'],
  [2, 'nonResourceAttributes', NonResourceAttributes, 'pointer'],
  [3, 'user', 'string'],
  [4, 'groups', list('string')],
  [5, 'extra', map(ExtraValue)],
  [6, 'uid', 'string'],
]);

export const SelfSubjectAccessReviewSpec = message('SelfSubjectAccessReviewSpec', [
  [1, 'resourceAttributes', ResourceAttributes, 'pointer'],
  [2, 'nonResourceAttributes', NonResourceAttributes, 'pointer'],
]);

export const SubjectAccessReviewStatus = message('SubjectAccessReviewStatus', [
  [1, 'allowed', 'bool', 'noOmitEmpty'],
  [4, 'denied', 'bool'],
  [2, 'reason', 'string'],
  [3, 'evaluationError', 'string'],
]);

export const SelfSubjectAccessReview = message('SelfSubjectAccessReview', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', SelfSubjectAccessReviewSpec],
  [3, 'status', SubjectAccessReviewStatus],
]);

export const SelfSubjectRulesReviewSpec = message('SelfSubjectRulesReviewSpec', [[1, 'namespace', 'string']]);

export const SelfSubjectRulesReview = message('SelfSubjectRulesReview', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', SelfSubjectRulesReviewSpec],
]);

export const SubjectAccessReview = message('SubjectAccessReview', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', SubjectAccessReviewSpec],
  [3, 'status', SubjectAccessReviewStatus],
]);

export const LocalSubjectAccessReview = message('LocalSubjectAccessReview', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', SubjectAccessReviewSpec],
  [3, 'status', SubjectAccessReviewStatus],
]);

/** The values of one repeated string field of a message's bytes (tag = field << 3 | 2, then a varint length). */
function repeatedStrings(bytes: Uint8Array, fieldNumber: number): string[] {
  const out: string[] = [];
  const varint = (at: number): [number, number] => {
    let value = 0;
    let shift = 0;
    let pos = at;
    for (;;) {
      const b = bytes[pos++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return [value, pos];
    }
  };
  let pos = 0;
  while (pos < bytes.length) {
    const [tag, afterTag] = varint(pos);
    const [length, start] = varint(afterTag);
    if (tag === ((fieldNumber << 3) | 2)) out.push(Buffer.from(bytes.subarray(start, start + length)).toString('utf8'));
    pos = start + length;
  }
  return out;
}

export const authorizationProtobufMessages = protobuf.newProtobufMessageRegistry({
  'authorization.k8s.io/v1': { SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview, LocalSubjectAccessReview },
});
