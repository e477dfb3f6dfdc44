import { field, Path, type ErrorList } from '@kapi/apiserver-core';
import { validateNonnegative } from '@kapi/registry-core';
import type { Job, JobStatus } from '../common/types';
import { parseIndexes } from './indexes';

const statusPath = Path.root('status');

const isTrue = (s: JobStatus | undefined, type: string) => (s?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
const isComplete = (s: JobStatus | undefined) => isTrue(s, 'Complete');
const isFailed = (s: JobStatus | undefined) => isTrue(s, 'Failed');
const isFinished = (s: JobStatus | undefined) => isComplete(s) || isFailed(s);

/**
 * ValidateJobUpdateStatus with the options kube-apiserver 1.32 derives (JobManagedBy on): a rule
 * about a part of the status is enforced when that part changes, so a Job written before a rule
 * existed can still be updated.
 */
export function validateJobStatusUpdate(job: Job, old: Job): ErrorList {
  const s = job.status ?? {};
  const o = old.status ?? {};
  const changed = (k: keyof JobStatus) => JSON.stringify(s[k]) !== JSON.stringify(o[k]);
  const finishedChanged = isFinished(s) !== isFinished(o);
  const completeChanged = isComplete(s) !== isComplete(o);
  const errs = validateCounters(s);
  const conditions = statusPath.child('conditions');
  if ((completeChanged || isFailed(s) !== isFailed(o)) && isComplete(s) && isFailed(s)) {
    errs.push(field.invalid(conditions, field.omitValue, 'cannot set Complete=True and Failed=true conditions'));
  }
  if ((completeChanged || changed('completionTime')) && s.completionTime !== undefined && !isComplete(s)) {
    errs.push(field.invalid(statusPath.child('completionTime'), s.completionTime, 'cannot set completionTime when there is no Complete=True condition'));
  }
  if ((completeChanged || changed('completionTime')) && s.completionTime === undefined && isComplete(s)) {
    errs.push(field.required(statusPath.child('completionTime'), 'completionTime is required for Complete jobs'));
  }
  if ((changed('startTime') || changed('completionTime')) && s.startTime && s.completionTime && Date.parse(s.completionTime) < Date.parse(s.startTime)) {
    errs.push(field.invalid(statusPath.child('completionTime'), s.completionTime, 'completionTime cannot be set before startTime'));
  }
  if ((finishedChanged || changed('active')) && isFinished(s) && (s.active ?? 0) > 0) {
    errs.push(field.invalid(statusPath.child('active'), s.active, 'active>0 is invalid for finished job'));
  }
  if ((finishedChanged || changed('startTime')) && isFinished(s) && s.startTime === undefined) {
    errs.push(field.required(statusPath.child('startTime'), 'startTime is required for finished job'));
  }
  if (changed('completedIndexes') && s.completedIndexes) {
    if (job.spec?.completionMode !== 'Indexed') {
      errs.push(field.invalid(statusPath.child('completedIndexes'), s.completedIndexes, 'cannot set non-empty completedIndexes when non-indexed completion mode'));
    } else {
      const parsed = parseIndexes(s.completedIndexes, job.spec?.completions ?? 0);
      if ('error' in parsed) errs.push(field.invalid(statusPath.child('completedIndexes'), s.completedIndexes, `error parsing completedIndexes: ${parsed.error}`));
    }
  }
  if ((changed('ready') || changed('active')) && s.ready !== undefined && s.ready > (s.active ?? 0)) {
    errs.push(field.invalid(statusPath.child('ready'), s.ready, 'cannot set more ready pods than active'));
  }
  // An Indexed Job whose completions follow its parallelism may scale down, and its succeeded count with it.
  const elastic = job.spec?.completionMode === 'Indexed' && job.spec.completions === job.spec.parallelism;
  errs.push(...validateTransitions(s, o, elastic));
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

/** What a status update may not undo: terminal conditions, counters, a set completionTime. */
function validateTransitions(s: JobStatus, o: JobStatus, mayDecreaseSucceeded: boolean): ErrorList {
  const errs: ErrorList = [];
  for (const type of ['Failed', 'Complete', 'FailureTarget']) {
    if (isTrue(o, type) && !isTrue(s, type)) errs.push(field.invalid(statusPath.child('conditions'), field.omitValue, `cannot disable the terminal ${type}=True condition`));
  }
  if ((s.failed ?? 0) < (o.failed ?? 0)) errs.push(field.invalid(statusPath.child('failed'), s.failed ?? 0, 'cannot decrease the failed counter'));
  if (!mayDecreaseSucceeded && (s.succeeded ?? 0) < (o.succeeded ?? 0)) errs.push(field.invalid(statusPath.child('succeeded'), s.succeeded ?? 0, 'cannot decrease the succeeded counter'));
  if (s.completionTime !== undefined && o.completionTime !== undefined && s.completionTime !== o.completionTime) {
    errs.push(field.invalid(statusPath.child('completionTime'), s.completionTime, 'completionTime cannot be mutated'));
  }
  return errs;
}
