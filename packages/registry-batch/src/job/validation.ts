import { field, isDNS1123Label, isDNS1123Subdomain, Path, type ErrorList } from '@kapi/apiserver-core';
import { labelSelectorAsSelector, validateLabelSelector } from '@kapi/registry-apps';
import { validateNonnegative, validatePodTemplateSpec } from '@kapi/registry-core';
import type { Job, JobSpec } from '../common/types';
import { validatePodFailurePolicy } from './pod-failure-policy';
import { validateSuccessPolicy } from './success-policy';

const maxParallelismForIndexedJob = 100_000;
const maxFailedIndexesForIndexedJob = 100_000;
const completionsSoftLimit = 100_000;
const parallelismLimitForHighCompletions = 10_000;
const maxFailedIndexesLimitForHighCompletions = 10_000;
const maxManagedByLength = 63;
const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${httpPathFmt}$`);

/** The labels a generated selector puts on the template: the legacy pair and the batch.kubernetes.io pair. */
export const jobNameLabel = 'batch.kubernetes.io/job-name';
export const controllerUidLabel = 'batch.kubernetes.io/controller-uid';
export const legacyJobNameLabel = 'job-name';
export const legacyControllerUidLabel = 'controller-uid';

export interface JobValidationOptions {
  /** Require the batch.kubernetes.io labels (every new Job; old Jobs only if they already had them). */
  requirePrefixedLabels: boolean;
}

const specPath = Path.root('spec');
type CoreTemplate = Parameters<typeof validatePodTemplateSpec>[0];

/** ValidateJob: metadata (by the Store), the generated selector, the spec, and the pod hostnames an Indexed Job makes. */
export function validateJob(job: Job, opts: JobValidationOptions): ErrorList {
  const spec = job.spec ?? {};
  const errs = [...validateGeneratedSelector(job, opts.requirePrefixedLabels), ...validateJobSpec(spec, specPath)];
  const name = job.metadata?.name ?? '';
  if (spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions > 0) {
    const maxHostname = `${name}-${spec.completions - 1}`;
    if (isDNS1123Label(maxHostname).length > 0) {
      errs.push(field.invalid(Path.root('metadata').child('name'), name, `will not able to create pod with invalid DNS label: ${maxHostname}`));
    }
  }
  return errs;
}

/** A selector the server generated must still select the uid and name labels it put on the template. */
function validateGeneratedSelector(job: Job, requirePrefixedLabels: boolean): ErrorList {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return [];
  const errs: ErrorList = [];
  const uid = String(job.metadata?.uid ?? '');
  const name = job.metadata?.name ?? '';
  if (!uid) errs.push(field.required(Path.root('metadata').child('uid'), ''));
  const wanted: [string, string][] = [
    [legacyControllerUidLabel, uid],
    [legacyJobNameLabel, name],
  ];
  if (requirePrefixedLabels) wanted.push([controllerUidLabel, uid], [jobNameLabel, name]);
  const labels = spec.template?.metadata?.labels ?? {};
  const labelsPath = specPath.child('template', 'metadata', 'labels');
  for (const [key, value] of wanted) {
    if (!(key in labels)) errs.push(field.required(labelsPath.key(key), `must be '${value}'`));
    else if (labels[key] !== value) errs.push(field.invalid(labelsPath.key(key), labels, `must be '${value}'`));
  }
  const expected = Object.fromEntries(wanted);
  if (validateLabelSelector(spec.selector, specPath.child('selector')).length === 0 && !labelSelectorAsSelector(spec.selector).matches(expected)) {
    errs.push(field.invalid(specPath.child('selector'), spec.selector, '`selector` not auto-generated'));
  }
  return errs;
}

/** ValidateJobSpec: the spec fields, a required selector, and a template that selector selects. */
export function validateJobSpec(spec: JobSpec, path: Path): ErrorList {
  const errs = validateJobSpecFields(spec, path);
  if (!spec.selector) {
    errs.push(field.required(path.child('selector'), ''));
    return errs;
  }
  const selectorErrs = validateLabelSelector(spec.selector, path.child('selector'));
  errs.push(...selectorErrs);
  const labels = spec.template?.metadata?.labels ?? {};
  if (selectorErrs.length === 0 && !labelSelectorAsSelector(spec.selector).matches(labels)) {
    errs.push(field.invalid(path.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  return errs;
}

/** validateJobSpec: everything but the selector (a CronJob's job template has none; its Jobs get one generated). */
export function validateJobSpecFields(spec: JobSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex'] as const) {
    errs.push(...validateNonnegative(spec[f], path.child(f)));
  }
  if (spec.maxFailedIndexes !== undefined) {
    errs.push(...validateNonnegative(spec.maxFailedIndexes, path.child('maxFailedIndexes')));
    if (spec.backoffLimitPerIndex === undefined) errs.push(field.required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined) errs.push(...validateManagedBy(spec.managedBy, path.child('managedBy')));
  errs.push(...validateCompletionMode(spec, path));
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, path.child('podFailurePolicy')));
  if (spec.successPolicy) {
    if (spec.completionMode !== 'Indexed') errs.push(field.invalid(path.child('successPolicy'), spec.successPolicy, 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, path.child('successPolicy')));
  }
  errs.push(...validatePodReplacementPolicy(spec, path.child('podReplacementPolicy')));
  errs.push(...validatePodTemplateSpec(spec.template as CoreTemplate, path.child('template')));
  errs.push(...validateRestartPolicy(spec, path.child('template', 'spec', 'restartPolicy')));
  return errs;
}

/** IsDomainPrefixedPath and a length limit: the controller that owns the Job ("kueue.x-k8s.io/multikueue"). */
function validateManagedBy(managedBy: string, path: Path): ErrorList {
  const errs: ErrorList = [];
  const slash = managedBy.indexOf('/');
  const host = slash < 0 ? '' : managedBy.slice(0, slash);
  const rest = slash < 0 ? '' : managedBy.slice(slash + 1);
  if (managedBy === '') errs.push(field.required(path, ''));
  else if (host === '' || rest === '') errs.push(field.invalid(path, managedBy, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  else {
    for (const msg of isDNS1123Subdomain(host)) errs.push(field.invalid(path, host, msg));
    if (!httpPathRe.test(rest)) errs.push(field.invalid(path, rest, `Invalid path (regex used for validation is '${httpPathFmt}')`));
  }
  if (managedBy.length > maxManagedByLength) errs.push(field.tooLong(path, '', maxManagedByLength));
  return errs;
}

function validateCompletionMode(spec: JobSpec, path: Path): ErrorList {
  const errs: ErrorList = [];
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(field.notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed') {
    const { completions, parallelism, maxFailedIndexes, backoffLimitPerIndex } = spec;
    if (completions === undefined) errs.push(field.required(path.child('completions'), 'when completion mode is Indexed'));
    if (parallelism !== undefined && parallelism > maxParallelismForIndexedJob) {
      errs.push(field.invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
    }
    if (completions !== undefined && maxFailedIndexes !== undefined && maxFailedIndexes > completions) {
      errs.push(field.invalid(path.child('maxFailedIndexes'), maxFailedIndexes, 'must be less than or equal to completions'));
    }
    if (maxFailedIndexes !== undefined && maxFailedIndexes > maxFailedIndexesForIndexedJob) {
      errs.push(field.invalid(path.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${maxFailedIndexesForIndexedJob}`));
    }
    if (completions !== undefined && completions > completionsSoftLimit && backoffLimitPerIndex !== undefined) {
      const high = `when completions are above ${completionsSoftLimit} and used with backoff limit per index`;
      if (maxFailedIndexes === undefined) errs.push(field.required(path.child('maxFailedIndexes'), `must be specified when completions is above ${completionsSoftLimit}`));
      if (parallelism !== undefined && parallelism > parallelismLimitForHighCompletions) {
        errs.push(field.invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${parallelismLimitForHighCompletions} ${high}`));
      }
      if (maxFailedIndexes !== undefined && maxFailedIndexes > maxFailedIndexesLimitForHighCompletions) {
        errs.push(field.invalid(path.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${maxFailedIndexesLimitForHighCompletions} ${high}`));
      }
    }
  } else {
    if (spec.backoffLimitPerIndex !== undefined) errs.push(field.invalid(path.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) errs.push(field.invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  return errs;
}

function validatePodReplacementPolicy(spec: JobSpec, path: Path): ErrorList {
  const policy = spec.podReplacementPolicy;
  if (policy === undefined) return [];
  if (spec.podFailurePolicy) return policy === 'Failed' ? [] : [field.notSupported(path, policy, ['Failed'])];
  return ['Failed', 'TerminatingOrFailed'].includes(policy) ? [] : [field.notSupported(path, policy, ['Failed', 'TerminatingOrFailed'])];
}

/** A Job's pods end: Always (or nothing, which pods default to Always) is refused. */
function validateRestartPolicy(spec: JobSpec, path: Path): ErrorList {
  const policy = spec.template?.spec?.restartPolicy ?? '';
  if (policy === 'Always' || policy === '') return [field.required(path, 'valid values: "OnFailure", "Never"')];
  if (policy !== 'OnFailure' && policy !== 'Never') return [field.notSupported(path, policy, ['OnFailure', 'Never'])];
  if (spec.podFailurePolicy && policy !== 'Never') return [field.invalid(path, policy, 'only "Never" is supported when podFailurePolicy is specified')];
  return [];
}
