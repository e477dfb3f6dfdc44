import { newRESTStorageProviderFor } from '@kapi/apiserver-core';
import { horizontalPodAutoscalerDefinition } from '../horizontalpodautoscaler/definition';

/** autoscaling (pkg/registry/autoscaling/rest/storage_autoscaling.go): v2 preferred, v1 converted from it. */
export const autoscalingRESTStorageProvider = newRESTStorageProviderFor({
  group: 'autoscaling',
  versions: ['v2', 'v1'],
  resources: [horizontalPodAutoscalerDefinition],
});
