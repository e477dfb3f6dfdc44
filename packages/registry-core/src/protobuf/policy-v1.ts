import { protobuf } from '@kapi/apiserver-core';

const { message } = protobuf;
const { DeleteOptions, ObjectMeta } = protobuf.metaV1;

/** policy/v1 Eviction, the body of pods/eviction (kubectl drain sends it through a typed client). */
export const Eviction = message('Eviction', [
  [1, 'metadata', ObjectMeta],
  [2, 'deleteOptions', DeleteOptions, 'pointer'],
]);
