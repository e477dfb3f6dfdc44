import type { KObject } from '@kapi/apiserver-core';
import type { LabelSelectorSpec, PodTemplateSpec } from '@kapi/registry-apps';

/**
 * The batch/v1 fields the strategies read and default. Objects travel as plain JSON (KObject); these
 * writable shapes name what the registry touches, nothing more.
 */
export interface PodFailurePolicyRule {
  action?: string;
  onExitCodes?: { containerName?: string; operator?: string; values?: number[] };
  onPodConditions?: { type?: string; status?: string }[];
}

export interface SuccessPolicyRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: { rules?: PodFailurePolicyRule[] };
  successPolicy?: { rules?: SuccessPolicyRule[] };
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelectorSpec;
  manualSelector?: boolean;
  template?: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  managedBy?: string;
  [field: string]: unknown;
}

export interface JobCondition {
  type?: string;
  status?: string;
  [field: string]: unknown;
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  [field: string]: unknown;
}

export interface Job extends KObject {
  spec?: JobSpec;
  status?: JobStatus;
}

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string | null;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  jobTemplate?: { metadata?: Record<string, unknown>; spec?: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  [field: string]: unknown;
}

export interface CronJob extends KObject {
  spec?: CronJobSpec;
  status?: { active?: unknown[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

/** The spec of a Job, created when absent so defaults can be written into it. */
export function jobSpecOf(job: Job): JobSpec {
  job.spec ??= {};
  return job.spec;
}

export function cronJobSpecOf(cronJob: CronJob): CronJobSpec {
  cronJob.spec ??= {};
  return cronJob.spec;
}

/**
 * A JSON null in a list of structs decodes in kube-apiserver as the zero struct ({}); the strategies
 * read list entries as objects, so nulls become {} before defaults and validation see them.
 */
export function zeroNullEntries<T extends object>(list: (T | null)[] | undefined): T[] | undefined {
  return list?.map((entry) => entry ?? ({} as T));
}

/** The struct lists of a Job spec, with null entries made zero structs. */
export function zeroNullJobSpecEntries(spec: JobSpec): void {
  if (spec.podFailurePolicy?.rules) {
    spec.podFailurePolicy.rules = zeroNullEntries(spec.podFailurePolicy.rules);
    for (const rule of spec.podFailurePolicy.rules!) if (rule.onPodConditions) rule.onPodConditions = zeroNullEntries(rule.onPodConditions);
  }
  if (spec.successPolicy?.rules) spec.successPolicy.rules = zeroNullEntries(spec.successPolicy.rules);
}
