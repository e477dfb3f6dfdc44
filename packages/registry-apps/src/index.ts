export * from './rest/storage-apps';
export * from './registry-apps-module';
export * from './common/label-selector';
export * from './common/scale-rest';
export * from './common/workload-strategy';
export * from './deployment/storage';
export * from './deployment/strategy';
export * from './deployment/validation';
export * from './replicaset/storage';
export * from './replicaset/strategy';
export * from './statefulset/storage';
export * from './statefulset/strategy';
export * from './daemonset/storage';
export * from './daemonset/strategy';
export * from './controllerrevision/storage';
export * from './controllerrevision/strategy';
// The pod template defaults of workloads, shared with batch (Jobs and CronJobs carry a template too).
export * from './common/pod-template';
export type { LabelSelectorSpec, PodTemplateSpec } from './common/types';
