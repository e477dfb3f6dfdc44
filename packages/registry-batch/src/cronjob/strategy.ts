import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { podNamePrefixWarnings } from '@kapi/registry-apps';
import type { CronJob } from '../common/types';
import { jobSpecWarnings } from '../job/warnings';
import { setDefaultsCronJob } from './defaults';
import { validateCronJob, validateCronJobUpdate } from './validation';

/** pkg/registry/batch/cronjob/strategy.go (status and generation come from the definition; cronjobs/status validates nothing). */
export const cronJobStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setDefaultsCronJob(obj as CronJob),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setDefaultsCronJob(obj as CronJob),
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateCronJob(obj as CronJob),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validateCronJobUpdate(obj as CronJob, old as CronJob),
  warningsOnCreate: (_ctx: RequestContext, obj: KObject) => [...podNamePrefixWarnings(obj), ...jobSpecWarnings((obj as CronJob).spec?.jobTemplate?.spec, 'spec.jobTemplate.spec')],
  /** A TZ kept in an old CronJob's schedule still works, but its place is spec.timeZone. */
  warningsOnUpdate(_ctx: RequestContext, obj: KObject, old: KObject): string[] {
    const spec = (obj as CronJob).spec;
    const warnings = obj.metadata?.generation !== old.metadata?.generation ? jobSpecWarnings(spec?.jobTemplate?.spec, 'spec.jobTemplate.spec') : [];
    // kube names the path spec.spec.schedule in this warning.
    if ((spec?.schedule ?? '').includes('TZ')) {
      warnings.push(
        'cannot use TZ or CRON_TZ in spec.spec.schedule, use timeZone instead, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details',
      );
    }
    return warnings;
  },
};
