export * from './rest/storage-core';
export * from './registry-core-module';
export * from './configmap/definition';
export * from './configmap/strategy';
export * from './configmap/validation';
export * from './secret/definition';
export * from './secret/strategy';
export * from './namespace/storage';
export * from './namespace/definition';
export * from './namespace/strategy';
export * from './rest/legacy-config';
// Pod template defaulting and validation, shared with the workload groups (registry-apps).
export * from './pod/defaults';
export { validatePodSpec, validatePodTemplateSpec, validatePod, validatePodUpdate, validateTolerations } from './pod/validation';
// The small core validations (enums, non-negative counts, resource lists, immutable fields) other groups check with.
export * from './validation/common';
export { validateContainers } from './pod/container-validation';
export * from './pod/strategy';
export * from './pod/storage';
export * from './pod/disruption-budgets';
export * from './node/definition';
export * from './node/proxy';
export * from './node/deprecated-labels';
export { validateAccessModes } from './persistentvolume/strategy';
export * from './service/storage';
export * from './service/strategy';
export * from './service/allocation';
export * from './allocator/ip-allocator';
export * from './allocator/port-allocator';
export * from './allocator/range-allocation';
export * from './endpoints/definition';
export * from './event/definition';
export { eventAttrs } from './event/strategy';
export { eventTable } from './event/table';
export * from './serviceaccount/definition';
export * from './serviceaccount/token';
export * from './serviceaccount/signing-key';
export * from './serviceaccount/authenticator';
export * from './serviceaccount/discovery/openid-metadata';
export * from './serviceaccount/discovery/routes';
export * from './replicationcontroller/definition';
export * from './validation/quantity';
// Field checks of pkg/apis/core/validation the other groups reuse (ports, IPs).
export * from './validation/common';
export * from './validation/special-ip';
// The address check of every connection the API server makes for a client (proxy, webhooks).
export { proxyableIP } from './proxy/proxyable';
