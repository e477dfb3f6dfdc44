import { defaultPodTemplateSpec, withNullCreationTimestamp } from '@kapi/registry-apps';
import { cronJobSpecOf, zeroNullJobSpecEntries, type CronJob } from '../common/types';

/** SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go) and the pod defaults of its job template. */
export function setDefaultsCronJob(cronJob: CronJob): void {
  const spec = cronJobSpecOf(cronJob);
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  spec.jobTemplate ??= {};
  // The job template's ObjectMeta is embedded: kube-apiserver 1.32 serialises it with `creationTimestamp: null`.
  withNullCreationTimestamp(spec.jobTemplate);
  if (spec.jobTemplate.spec) zeroNullJobSpecEntries(spec.jobTemplate.spec);
  defaultPodTemplateSpec(spec.jobTemplate.spec?.template);
}
