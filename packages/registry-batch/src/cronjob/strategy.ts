import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { podNamePrefixWarnings } from '@kapi/registry-apps';
import type { CronJob } from '../common/types';
import { setDefaultsCronJob } from './defaults';
import { validateCronJob, validateCronJobUpdate } from './validation';

/** pkg/registry/batch/cronjob/strategy.go (status and generation come from the definition; cronjobs/status validates nothing). */
export const cronJobStrategy: StrategyHooks = {
  prepareForCreate: (_ctx: RequestContext, obj: KObject) => setDefaultsCronJob(obj as CronJob),
  prepareForUpdate: (_ctx: RequestContext, obj: KObject) => setDefaultsCronJob(obj as CronJob),
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateCronJob(obj as CronJob),
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validateCronJobUpdate(obj as CronJob, old as CronJob),
  warningsOnCreate: (_ctx: RequestContext, obj: KObject) => podNamePrefixWarnings(obj),
  /** A TZ kept in an old CronJob's schedule still works, but its place is spec.timeZone. */
  warningsOnUpdate: (_ctx: RequestContext, obj: KObject) =>
    ((obj as CronJob).spec?.schedule ?? '').includes('TZ')
      ? ['cannot use TZ or CRON_TZ in spec.spec.schedule, use timeZone instead, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details']
      : [],
};
