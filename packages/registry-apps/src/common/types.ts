import type { KObject } from '@kapi/apiserver-core';

/**
 * The apps/v1 fields the strategies read and default. Objects travel as plain JSON (KObject); these
 * writable shapes name what the registry touches, nothing more (kubernetes-types' are readonly).
 */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** metav1.LabelSelector as it appears in a spec. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface ContainerSpec {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  ports?: { containerPort?: number; protocol?: string; name?: string }[];
  [field: string]: unknown;
}

export interface PodSpec {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  restartPolicy?: string;
  dnsPolicy?: string;
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  schedulerName?: string;
  securityContext?: Record<string, unknown>;
  nodeSelector?: Record<string, string>;
  [field: string]: unknown;
}

export interface PodTemplateSpec {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [field: string]: unknown };
  spec?: PodSpec;
}

export type IntOrString = number | string;

/** The spec fields every workload kind shares. */
export interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelectorSpec;
  template?: PodTemplateSpec;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  [field: string]: unknown;
}

export interface DeploymentSpec extends WorkloadSpec {
  strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

export interface StatefulSetSpec extends WorkloadSpec {
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } };
  volumeClaimTemplates?: { metadata?: Record<string, unknown>; spec?: Record<string, unknown>; status?: Record<string, unknown>; [field: string]: unknown }[];
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
}

export interface DaemonSetSpec extends WorkloadSpec {
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
}

/** A KObject's spec, typed as the caller expects (every workload stores one). */
export function specOf<T extends WorkloadSpec>(obj: KObject): T {
  if (obj.spec === undefined || obj.spec === null || typeof obj.spec !== 'object') obj.spec = {};
  return obj.spec as T;
}
