import { defaultPodTemplateSpec } from '@kapi/registry-apps';
import { jobSpecOf, zeroNullJobSpecEntries, type Job, type JobSpec } from '../common/types';

const maxInt32 = 2147483647;

/**
 * SetDefaults_Job (pkg/apis/batch/v1/defaults.go) with the feature gates kube-apiserver 1.32 turns
 * on by default (JobPodReplacementPolicy, JobBackoffLimitPerIndex).
 */
export function setDefaultsJob(job: Job): void {
  const spec = jobSpecOf(job);
  zeroNullJobSpecEntries(spec);
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? maxInt32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule.onPodConditions ?? []) p.status ||= 'True';
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  defaultPodTemplateSpec(spec.template);
  copyTemplateLabels(job, spec);
}

/**
 * A Job without labels takes its template's. kube-apiserver defaults on every decode — the read
 * back after the write included — so the labels the strategy generates on the template show up on
 * the Job too; calling this after generating the selector gives the same result.
 */
export function copyTemplateLabels(job: Job, spec: JobSpec): void {
  const labels = spec.template?.metadata?.labels;
  if (labels && Object.keys(job.metadata?.labels ?? {}).length === 0) job.metadata = { ...job.metadata, labels: { ...labels } };
}
