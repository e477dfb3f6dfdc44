import { field, Path, type ErrorList } from '@kapi/apiserver-core';
import { validateNonnegative } from '@kapi/registry-core';
import type { CronJob, CronJobSpec } from '../common/types';
import { validateJobSpecFields } from '../job/validation';
import { scheduleError } from './schedule';
import { timeZoneError } from './time-zone';

const specPath = Path.root('spec');
/** A CronJob's Jobs are named `<name>-<11 characters>` and must stay DNS-1035 labels (63). */
const maxNameLength = 52;
const concurrencyPolicies = ['Allow', 'Forbid', 'Replace'];
const timeZonePartRe = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** ValidateCronJobCreate (metadata is the Store's). */
export function validateCronJob(cronJob: CronJob): ErrorList {
  const errs = validateCronJobSpec(cronJob.spec ?? {}, undefined);
  const name = cronJob.metadata?.name ?? '';
  if (name.length > maxNameLength) errs.push(field.invalid(Path.root('metadata').child('name'), name, `must be no more than ${maxNameLength} characters`));
  return errs;
}

/** ValidateCronJobUpdate: the same spec rules; a TZ in the schedule and the time zone are judged against the old spec. */
export function validateCronJobUpdate(cronJob: CronJob, old: CronJob): ErrorList {
  return validateCronJobSpec(cronJob.spec ?? {}, old.spec ?? {});
}

function validateCronJobSpec(spec: CronJobSpec, oldSpec: CronJobSpec | undefined): ErrorList {
  const errs: ErrorList = [];
  if (!spec.schedule) errs.push(field.required(specPath.child('schedule'), ''));
  else errs.push(...validateSchedule(spec.schedule, (oldSpec?.schedule ?? '').includes('TZ'), spec.timeZone));
  errs.push(...validateNonnegative(spec.startingDeadlineSeconds, specPath.child('startingDeadlineSeconds')));
  // An unchanged time zone is not checked again: the zone database of the server may have lost it.
  if (!oldSpec || (oldSpec.timeZone ?? null) !== (spec.timeZone ?? null)) errs.push(...validateTimeZone(spec.timeZone, specPath.child('timeZone')));
  const policy = spec.concurrencyPolicy ?? '';
  if (policy === '') errs.push(field.required(specPath.child('concurrencyPolicy'), ''));
  else if (!concurrencyPolicies.includes(policy)) errs.push(field.notSupported(specPath.child('concurrencyPolicy'), policy, concurrencyPolicies));
  errs.push(...validateJobTemplate(spec.jobTemplate, specPath.child('jobTemplate')));
  errs.push(...validateNonnegative(spec.successfulJobsHistoryLimit, specPath.child('successfulJobsHistoryLimit')));
  errs.push(...validateNonnegative(spec.failedJobsHistoryLimit, specPath.child('failedJobsHistoryLimit')));
  return errs;
}

/** The zone belongs in spec.timeZone; a TZ= prefix is tolerated only on CronJobs that already had one. */
function validateSchedule(schedule: string, allowTZInSchedule: boolean, timeZone: CronJobSpec['timeZone']): ErrorList {
  const path = specPath.child('schedule');
  const errs: ErrorList = [];
  const err = scheduleError(schedule);
  if (err) errs.push(field.invalid(path, schedule, err));
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone != null) {
    errs.push(field.invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZInSchedule && schedule.includes('TZ')) {
    errs.push(field.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

function validateTimeZone(timeZone: CronJobSpec['timeZone'], path: Path): ErrorList {
  if (timeZone == null) return [];
  if (timeZone === '') return [field.invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
  if (timeZone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !timeZonePartRe.test(part))) {
    return [field.invalid(path, timeZone, `unknown time zone ${timeZone}`)];
  }
  const errs: ErrorList = [];
  if (timeZone.toLowerCase() === 'local') errs.push(field.invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const err = timeZoneError(timeZone);
  if (err) errs.push(field.invalid(path, timeZone, err));
  return errs;
}

/** ValidateJobTemplateSpec: a Job spec whose selector the Jobs made from it will generate. */
function validateJobTemplate(template: CronJobSpec['jobTemplate'], path: Path): ErrorList {
  const spec = template?.spec ?? {};
  const specP = path.child('spec');
  const errs = validateJobSpecFields(spec, specP);
  if (spec.selector) errs.push(field.invalid(specP.child('selector'), spec.selector, '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(field.notSupported(specP.child('manualSelector'), spec.manualSelector, ['nil', 'false']));
  return errs;
}
