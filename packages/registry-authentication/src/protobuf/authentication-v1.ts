import { protobuf } from '@kapi/apiserver-core';

const { message, list } = protobuf;
const { ObjectMeta } = protobuf.metaV1;

/** authentication.k8s.io review requests as k8s.io/api/authentication/v1 declares them (typed clients send protobuf). */
export const TokenReviewSpec = message('TokenReviewSpec', [
  [1, 'token', 'string'],
  [2, 'audiences', list('string')],
]);

export const TokenReview = message('TokenReview', [
  [1, 'metadata', ObjectMeta],
  [2, 'spec', TokenReviewSpec],
]);

export const SelfSubjectReview = message('SelfSubjectReview', [[1, 'metadata', ObjectMeta]]);

export const authenticationProtobufMessages = protobuf.newProtobufMessageRegistry({
  'authentication.k8s.io/v1': { TokenReview, SelfSubjectReview },
});
