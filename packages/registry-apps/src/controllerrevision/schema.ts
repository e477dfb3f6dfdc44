import type { ResourceSchema } from '@kapi/apiserver-core';

/** ControllerRevision's schema: the definition Kubernetes publishes, patch strategies and list types included; `data` is a RawExtension kept as sent. */
export const controllerRevisionSchema: ResourceSchema = {
  gvk: { group: 'apps', version: 'v1', kind: 'ControllerRevision' },
  definition: 'io.k8s.api.apps.v1.ControllerRevision',
};
