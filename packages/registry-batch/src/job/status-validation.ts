import { field, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { validateNonnegative } from '@kapi/registry-core';
import type { Job, JobStatus } from '../common/types';
import { firstOverlap, parseIndexes } from './indexes';

const statusPath = Path.root('status');
const conditionsPath = statusPath.child('conditions');

const isTrue = (s: JobStatus, type: string) => (s.conditions ?? []).some((c) => c.type === type && c.status === 'True');
const isComplete = (s: JobStatus) => isTrue(s, 'Complete');
const isFailed = (s: JobStatus) => isTrue(s, 'Failed');
const isFinished = (s: JobStatus) => isComplete(s) || isFailed(s);
const uncountedCount = (s: JobStatus) => (s.uncountedTerminatedPods?.succeeded ?? []).length + (s.uncountedTerminatedPods?.failed ?? []).length;

/**
 * ValidateJobUpdateStatus with the options kube-apiserver 1.32 derives (JobManagedBy on): most rules
 * about a part of the status are enforced only when that part changes, so a Job written before a
 * rule existed can still be updated.
 */
export function validateJobStatusUpdate(job: Job, old: Job): ErrorList {
  return [...validateJobStatus(job, old.status ?? {}), ...validateTransitions(job, old.status ?? {})];
}

function validateJobStatus(job: Job, o: JobStatus): ErrorList {
  const s = job.status ?? {};
  const spec = job.spec ?? {};
  const changed = (k: keyof JobStatus) => !semanticEqual(s[k], o[k]);
  const cond = (type: string) => isTrue(s, type) !== isTrue(o, type);
  const finishedChanged = isFinished(s) !== isFinished(o);
  const completeOrTime = cond('Complete') || changed('completionTime');
  const errs = validateCounters(s);
  const rule = (when: boolean, err: () => ReturnType<typeof field.invalid>) => {
    if (when) errs.push(err());
  };
  rule((cond('Complete') || cond('Failed')) && isComplete(s) && isFailed(s), () =>
    field.invalid(conditionsPath, field.omitValue, 'cannot set Complete=True and Failed=true conditions'),
  );
  rule((cond('Complete') || cond('FailureTarget')) && isComplete(s) && isTrue(s, 'FailureTarget'), () =>
    field.invalid(conditionsPath, field.omitValue, 'cannot set Complete=True and FailureTarget=true conditions'),
  );
  rule(completeOrTime && s.completionTime !== undefined && !isComplete(s), () =>
    field.invalid(statusPath.child('completionTime'), s.completionTime, 'cannot set completionTime when there is no Complete=True condition'),
  );
  rule(completeOrTime && s.completionTime === undefined && isComplete(s), () => field.required(statusPath.child('completionTime'), 'completionTime is required for Complete jobs'));
  rule((changed('startTime') || changed('completionTime')) && !!s.startTime && !!s.completionTime && Date.parse(s.completionTime!) < Date.parse(s.startTime!), () =>
    field.invalid(statusPath.child('completionTime'), s.completionTime, 'completionTime cannot be set before startTime'),
  );
  rule((cond('Failed') || changed('failedIndexes')) && isFailed(s) && !isTrue(s, 'FailureTarget'), () =>
    field.invalid(conditionsPath, field.omitValue, 'cannot set Failed=True condition without the FailureTarget=true condition'),
  );
  rule((cond('Complete') || cond('SuccessCriteriaMet')) && isComplete(s) && !isTrue(s, 'SuccessCriteriaMet'), () =>
    field.invalid(conditionsPath, field.omitValue, 'cannot set Complete=True condition without the SuccessCriteriaMet=true condition'),
  );
  rule((finishedChanged || changed('active')) && (s.active ?? 0) > 0 && isFinished(s), () =>
    field.invalid(statusPath.child('active'), s.active, 'active>0 is invalid for finished job'),
  );
  rule((finishedChanged || changed('startTime')) && s.startTime === undefined && isFinished(s), () =>
    field.required(statusPath.child('startTime'), 'startTime is required for finished job'),
  );
  rule((finishedChanged || changed('uncountedTerminatedPods')) && isFinished(s) && uncountedCount(s) > 0, () =>
    field.invalid(statusPath.child('uncountedTerminatedPods'), s.uncountedTerminatedPods, 'uncountedTerminatedPods needs to be empty for finished job'),
  );
  if (changed('completedIndexes') && spec.completions !== undefined) {
    const parsed = parseIndexes(s.completedIndexes ?? '', spec.completions);
    if ('error' in parsed) errs.push(field.invalid(statusPath.child('completedIndexes'), s.completedIndexes ?? '', `error parsing completedIndexes: ${parsed.error}`));
  }
  if (changed('failedIndexes') && spec.completions !== undefined && spec.backoffLimitPerIndex !== undefined && s.failedIndexes !== undefined) {
    const parsed = parseIndexes(s.failedIndexes, spec.completions);
    if ('error' in parsed) errs.push(field.invalid(statusPath.child('failedIndexes'), s.failedIndexes, `error parsing failedIndexes: ${parsed.error}`));
  }
  rule(changed('completedIndexes') && !!s.completedIndexes && spec.completionMode !== 'Indexed', () =>
    field.invalid(statusPath.child('completedIndexes'), s.completedIndexes, 'cannot set non-empty completedIndexes when non-indexed completion mode'),
  );
  rule(changed('failedIndexes') && spec.backoffLimitPerIndex === undefined && s.failedIndexes !== undefined, () =>
    field.invalid(statusPath.child('failedIndexes'), s.failedIndexes, 'cannot set non-null failedIndexes when backoffLimitPerIndex is null'),
  );
  if ((changed('failedIndexes') || changed('completedIndexes')) && spec.completions !== undefined && s.failedIndexes !== undefined) {
    const overlap = firstOverlap(s.completedIndexes ?? '', s.failedIndexes, spec.completions);
    if (overlap !== undefined) errs.push(field.invalid(statusPath.child('failedIndexes'), s.failedIndexes, `failedIndexes and completedIndexes overlap at index: ${overlap}`));
  }
  rule((finishedChanged || changed('terminating')) && (s.terminating ?? 0) > 0 && isFinished(s), () =>
    field.invalid(statusPath.child('terminating'), s.terminating, 'terminating>0 is invalid for finished job'),
  );
  rule((changed('ready') || changed('active')) && s.ready !== undefined && s.ready > (s.active ?? 0), () =>
    field.invalid(statusPath.child('ready'), s.ready, 'cannot set more ready pods than active'),
  );
  errs.push(...validateSuccessCriteria(job, s));
  return errs;
}

/** SuccessCriteriaMet excludes failure, and a Job with a success policy completes only through it. */
function validateSuccessCriteria(job: Job, s: JobStatus): ErrorList {
  const errs: ErrorList = [];
  const met = isTrue(s, 'SuccessCriteriaMet');
  if (met && isFailed(s)) errs.push(field.invalid(conditionsPath, field.omitValue, 'cannot set SuccessCriteriaMet=True and Failed=true conditions'));
  if (met && isTrue(s, 'FailureTarget')) errs.push(field.invalid(conditionsPath, field.omitValue, 'cannot set SuccessCriteriaMet=True and FailureTarget=true conditions'));
  if (job.spec?.successPolicy && !met && isComplete(s)) {
    errs.push(field.invalid(conditionsPath, field.omitValue, 'cannot set Complete=True for Job with SuccessPolicy unless SuccessCriteriaMet=True'));
  }
  return errs;
}

function validateCounters(s: JobStatus): ErrorList {
  const errs: ErrorList = [];
  for (const k of ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const) errs.push(...validateNonnegative(s[k], statusPath.child(k)));
  const seen = new Set<string>();
  for (const k of ['succeeded', 'failed'] as const) {
    (s.uncountedTerminatedPods?.[k] ?? []).forEach((uid, i) => {
      const p = statusPath.child('uncountedTerminatedPods', k).index(i);
      if (uid === '') errs.push(field.invalid(p, uid, 'must not be empty'));
      else if (seen.has(uid)) errs.push(field.duplicate(p, uid));
      seen.add(uid);
    });
  }
  return errs;
}

/** What a status update may not undo: terminal conditions, counters, a set completionTime or startTime. */
function validateTransitions(job: Job, o: JobStatus): ErrorList {
  const s = job.status ?? {};
  const errs: ErrorList = [];
  for (const type of ['Failed', 'Complete', 'FailureTarget']) {
    if (isTrue(o, type) && !isTrue(s, type)) errs.push(field.invalid(conditionsPath, field.omitValue, `cannot disable the terminal ${type}=True condition`));
  }
  if ((s.failed ?? 0) < (o.failed ?? 0)) errs.push(field.invalid(statusPath.child('failed'), s.failed ?? 0, 'cannot decrease the failed counter'));
  // An Indexed Job whose completions follow its parallelism may scale down, and its succeeded count with it.
  const elastic = job.spec?.completionMode === 'Indexed' && job.spec.completions === job.spec.parallelism;
  if (!elastic && (s.succeeded ?? 0) < (o.succeeded ?? 0)) errs.push(field.invalid(statusPath.child('succeeded'), s.succeeded ?? 0, 'cannot decrease the succeeded counter'));
  if (s.completionTime !== undefined && o.completionTime !== undefined && s.completionTime !== o.completionTime) {
    errs.push(field.invalid(statusPath.child('completionTime'), s.completionTime, 'completionTime cannot be mutated'));
  }
  if (o.startTime !== undefined && o.startTime !== s.startTime && !job.spec?.suspend) {
    errs.push(field.required(statusPath.child('startTime'), 'startTime cannot be removed for unsuspended job'));
  }
  if (isTrue(o, 'SuccessCriteriaMet') && !isTrue(s, 'SuccessCriteriaMet'))
    errs.push(field.invalid(conditionsPath, field.omitValue, 'cannot disable the SuccessCriteriaMet=True condition'));
  if (isComplete(o) && !isTrue(o, 'SuccessCriteriaMet') && isTrue(s, 'SuccessCriteriaMet')) {
    errs.push(field.invalid(conditionsPath, field.omitValue, 'cannot set SuccessCriteriaMet=True for Job already has Complete=true conditions'));
  }
  return errs;
}
