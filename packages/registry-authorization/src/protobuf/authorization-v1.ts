import { protobuf } from '@kapi/apiserver-core';

const { message } = protobuf;
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

export const authorizationProtobufMessages = protobuf.newProtobufMessageRegistry({
  'authorization.k8s.io/v1': { SelfSubjectAccessReview, SelfSubjectRulesReview },
});
