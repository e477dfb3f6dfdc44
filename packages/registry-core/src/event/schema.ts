import type { ResourceSchema } from '@kapi/apiserver-core';

/** Event's schema: the definition Kubernetes publishes, patch strategies and list types included. */
export const eventSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Event' },
  definition: 'io.k8s.api.core.v1.Event',
};
