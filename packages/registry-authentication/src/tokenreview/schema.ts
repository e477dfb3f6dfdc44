import type { ResourceSchema } from '@kapi/apiserver-core';

/** TokenReview's schema: the definition Kubernetes publishes, patch strategies and list types included (OpenAPI, kubectl's client-side validation and explain). */
export const tokenReviewSchema: ResourceSchema = {
  gvk: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview' },
  definition: 'io.k8s.api.authentication.v1.TokenReview',
};
