import type { ResourceSchema } from '@kapi/apiserver-core';

/** SelfSubjectReview's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const selfSubjectReviewSchema: ResourceSchema = {
  gvk: { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview' },
  definition: 'io.k8s.api.authentication.v1.SelfSubjectReview',
};
