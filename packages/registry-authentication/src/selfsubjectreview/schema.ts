import type { ResourceSchema } from '@kapi/apiserver-core';

/** SelfSubjectReview's schema: the kubernetes-types definition. */
export const selfSubjectReviewSchema: ResourceSchema = {
  gvk: { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview' },
  definition: 'io.k8s.api.authentication.v1.SelfSubjectReview',
};
