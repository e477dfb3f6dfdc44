import type { ResourceSchema } from '@kapi/apiserver-core';

/** Event's schema: the kubernetes-types definition. */
export const eventSchema: ResourceSchema = {
  gvk: { group: '', version: 'v1', kind: 'Event' },
  definition: 'io.k8s.api.core.v1.Event',
};
