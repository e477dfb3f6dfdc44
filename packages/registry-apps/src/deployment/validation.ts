import { field, Path, type ErrorList, type KObject } from '@kapi/apiserver-core';

/** The minimum of ValidateDeployment: a selector and a template whose labels it selects. */
export function validateDeployment(obj: KObject): ErrorList {
  const errs: ErrorList = [];
  const spec = (obj.spec ?? {}) as { selector?: { matchLabels?: Record<string, string> }; template?: { metadata?: { labels?: Record<string, string> } }; replicas?: number };
  const specPath = Path.root('spec');
  if (!spec.selector) errs.push(field.required(specPath.child('selector'), ''));
  if (!spec.template) errs.push(field.required(specPath.child('template'), ''));
  if (spec.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    errs.push(field.invalid(specPath.child('replicas'), spec.replicas, 'must be greater than or equal to 0'));
  }
  const labels = spec.template?.metadata?.labels ?? {};
  const match = spec.selector?.matchLabels ?? {};
  if (spec.selector && Object.entries(match).some(([k, v]) => labels[k] !== v)) {
    errs.push(field.invalid(specPath.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  return errs;
}
