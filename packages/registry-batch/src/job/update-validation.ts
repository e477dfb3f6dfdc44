import { field, Path, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import { validateImmutable } from '@kapi/registry-core';
import type { Job, JobSpec } from '../common/types';
import type { PodTemplateSpec } from '@kapi/registry-apps';

const specPath = Path.root('spec');

/** ValidateJobSpecUpdate: what a Job may not change once its controller has started acting on it. */
export function validateJobSpecUpdate(job: Job, old: Job): ErrorList {
  const spec = job.spec ?? {};
  const oldSpec = old.spec ?? {};
  const errs = [...validateCompletionsUpdate(spec, oldSpec), ...validateImmutable(spec.selector, oldSpec.selector, specPath.child('selector'))];
  errs.push(...validateTemplateUpdate(spec, oldSpec, allowsMutableSchedulingDirectives(old)));
  for (const f of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'] as const) {
    errs.push(...validateImmutable(spec[f], oldSpec[f], specPath.child(f)));
  }
  return errs;
}

/** A suspended Job that never started may still be told where to run (for queueing controllers such as Kueue). */
function allowsMutableSchedulingDirectives(old: Job): boolean {
  return old.spec?.suspend === true && old.status?.startTime === undefined;
}

/** Completions are fixed, except that an Indexed Job may scale completions together with parallelism. */
function validateCompletionsUpdate(spec: JobSpec, oldSpec: JobSpec): ErrorList {
  const path = specPath.child('completions');
  if (spec.completionMode !== 'Indexed') return validateImmutable(spec.completions, oldSpec.completions, path);
  if (spec.completions === oldSpec.completions || spec.completions === undefined) return [];
  return spec.completions === spec.parallelism ? [] : [field.invalid(path, spec.completions, 'can only be modified in tandem with spec.parallelism')];
}

function validateTemplateUpdate(spec: JobSpec, oldSpec: JobSpec, mutableScheduling: boolean): ErrorList {
  const template = spec.template ?? {};
  const oldTemplate = mutableScheduling ? withSchedulingDirectivesOf(oldSpec.template ?? {}, template) : (oldSpec.template ?? {});
  if (semanticEqual(template, oldTemplate)) return [];
  return [field.invalid(specPath.child('template'), template, 'field is immutable')];
}

/** The old template with the new one's node affinity, node selector, tolerations, gates, labels and annotations. */
function withSchedulingDirectivesOf(old: PodTemplateSpec, template: PodTemplateSpec): PodTemplateSpec {
  const out = structuredClone(old);
  out.metadata = { ...out.metadata, labels: template.metadata?.labels, annotations: template.metadata?.annotations };
  const spec = { ...(out.spec ?? {}) };
  const newSpec = template.spec ?? {};
  for (const k of ['nodeSelector', 'tolerations', 'schedulingGates']) spec[k] = newSpec[k];
  const affinity = { ...((spec.affinity as Record<string, unknown> | undefined) ?? {}) };
  affinity.nodeAffinity = (newSpec.affinity as Record<string, unknown> | undefined)?.nodeAffinity;
  spec.affinity = Object.values(affinity).some((v) => v !== undefined) ? affinity : undefined;
  out.spec = spec;
  return out;
}
