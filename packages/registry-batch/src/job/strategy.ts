import type { ErrorList, KObject, RequestContext, StrategyHooks } from '@kapi/apiserver-core';
import { podNamePrefixWarnings } from '@kapi/registry-apps';
import { jobSpecOf, zeroNullEntries, type Job } from '../common/types';
import { copyTemplateLabels, setDefaultsJob } from './defaults';
import { validateJobStatusUpdate } from './status-validation';
import { validateJobSpecUpdate } from './update-validation';
import { jobSpecWarnings } from './warnings';
import { controllerUidLabel, jobNameLabel, legacyControllerUidLabel, legacyJobNameLabel, validateJob } from './validation';

/**
 * generateSelector: unless the user asked to manage it (manualSelector), a Job selects its pods by
 * its own uid, so two Jobs never adopt each other's pods; labels the user already set are kept.
 */
function generateSelectorIfNeeded(job: Job): void {
  const spec = jobSpecOf(job);
  if (spec.manualSelector) return;
  const name = job.metadata?.name ?? '';
  const uid = String(job.metadata?.uid ?? '');
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = (spec.template.metadata.labels ??= {});
  for (const [key, value] of [
    [legacyJobNameLabel, name],
    [jobNameLabel, name],
    [legacyControllerUidLabel, uid],
    [controllerUidLabel, uid],
  ]) {
    if (!(key in labels)) labels[key] = value;
  }
  spec.selector ??= {};
  spec.selector.matchLabels ??= {};
  if (!(controllerUidLabel in spec.selector.matchLabels)) spec.selector.matchLabels[controllerUidLabel] = uid;
}

/** Old Jobs made before the batch.kubernetes.io labels keep validating without them. */
function hadPrefixedLabels(old: Job): boolean {
  const labels = old.spec?.template?.metadata?.labels ?? {};
  return jobNameLabel in labels && controllerUidLabel in labels;
}

/** pkg/registry/batch/job/strategy.go (status and generation come from the definition). */
export const jobStrategy: StrategyHooks = {
  prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    const job = obj as Job;
    setDefaultsJob(job);
    generateSelectorIfNeeded(job);
    copyTemplateLabels(job, jobSpecOf(job));
  },
  prepareForUpdate(_ctx: RequestContext, obj: KObject): void {
    setDefaultsJob(obj as Job);
  },
  validate: (_ctx: RequestContext, obj: KObject): ErrorList => validateJob(obj as Job, { requirePrefixedLabels: true }),
  warningsOnCreate: (_ctx: RequestContext, obj: KObject) => [...podNamePrefixWarnings(obj), ...jobSpecWarnings((obj as Job).spec, 'spec')],
  warningsOnUpdate: (_ctx: RequestContext, obj: KObject, old: KObject) => (obj.metadata?.generation !== old.metadata?.generation ? jobSpecWarnings((obj as Job).spec, 'spec') : []),
  // batch/v1 kept the orphaning default of its first release: a delete that names no policy leaves the pods.
  defaultGarbageCollectionPolicy: () => 'OrphanDependents',
  validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    const job = obj as Job;
    return [...validateJob(job, { requirePrefixedLabels: hadPrefixedLabels(old as Job) }), ...validateJobSpecUpdate(job, old as Job)];
  },
};

/** jobs/status: the spec stays as stored (the definition's doing); the status transitions are checked. */
export const jobStatusStrategy: StrategyHooks = {
  prepareForUpdate(_ctx: RequestContext, obj: KObject): void {
    const status = (obj as Job).status;
    if (!status) return;
    if (status.conditions) status.conditions = zeroNullEntries(status.conditions);
    const uncounted = status.uncountedTerminatedPods;
    // A null pod uid is the empty uid, which validation refuses.
    for (const k of ['succeeded', 'failed'] as const) if (uncounted?.[k]) uncounted[k] = uncounted[k].map((uid) => uid ?? '');
  },
  validateUpdate: (_ctx: RequestContext, obj: KObject, old: KObject): ErrorList => validateJobStatusUpdate(obj as Job, old as Job),
};
