import { defaultPodTemplateSpec } from '@kapi/registry-apps';
import { cronJobSpecOf, type CronJob } from '../common/types';

/** SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go) and the pod defaults of its job template. */
export function setDefaultsCronJob(cronJob: CronJob): void {
  const spec = cronJobSpecOf(cronJob);
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultPodTemplateSpec(spec.jobTemplate?.spec?.template);
}
