import { field, Path, type ErrorList, type FieldError, type KObject } from '@kapi/apiserver-core';
import type { NonResourceAttributes, SubjectAccessReviewSpec } from '../util/helpers';

/**
 * pkg/apis/authorization/validation: a review asks about exactly one of resource and
 * non-resource attributes; a SubjectAccessReview names a user or groups; metadata stays empty
 * (only the namespace of a LocalSubjectAccessReview).
 */
function validateAttributes(spec: SubjectAccessReviewSpec, specPath: Path): ErrorList {
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    return [field.invalid(specPath.child('nonResourceAttributes'), internal(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes')];
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    return [field.invalid(specPath.child('resourceAttributes'), null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  }
  return [];
}

export function validateSubjectAccessReviewSpec(spec: SubjectAccessReviewSpec, specPath: Path): ErrorList {
  const errs = validateAttributes(spec, specPath);
  if (!spec.user && !spec.groups?.length) errs.push(field.invalid(specPath.child('user'), spec.user ?? '', 'at least one of user or group must be specified'));
  return errs;
}

/** Metadata other than managedFields (and the namespace, when allowed) must be empty. */
function validateEmptyMetadata(obj: KObject, allowNamespace: boolean): FieldError[] {
  const rest = { ...(obj.metadata ?? {}) } as Record<string, unknown>;
  delete rest.managedFields;
  delete rest.creationTimestamp;
  if (allowNamespace) delete rest.namespace;
  const meaningful = Object.values(rest).some((v) => v !== undefined && v !== null && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0));
  if (!meaningful) return [];
  return [field.invalid(Path.root('metadata'), obj.metadata, allowNamespace ? 'must be empty except for namespace' : 'must be empty')];
}

export function validateSubjectAccessReview(obj: KObject): ErrorList {
  return [...validateSubjectAccessReviewSpec(specOf(obj), Path.root('spec')), ...validateEmptyMetadata(obj, false)];
}

export function validateSelfSubjectAccessReview(obj: KObject): ErrorList {
  return [...validateAttributes(specOf(obj), Path.root('spec')), ...validateEmptyMetadata(obj, false)];
}

export function validateLocalSubjectAccessReview(obj: KObject): ErrorList {
  const spec = specOf(obj);
  const errs = [...validateSubjectAccessReviewSpec(spec, Path.root('spec')), ...validateEmptyMetadata(obj, true)];
  const namespace = obj.metadata?.namespace ?? '';
  if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== namespace) {
    errs.push(field.invalid(Path.root('spec.resourceAttributes.namespace'), spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  if (spec.nonResourceAttributes) errs.push(field.invalid(Path.root('spec.nonResourceAttributes'), internal(spec.nonResourceAttributes), 'disallowed on this kind of request'));
  return errs;
}

/** kube validates its internal type, whose fields have no JSON tags: the value shows Go's field names. */
function internal(attrs: NonResourceAttributes): Record<string, string> {
  return { Path: attrs.path ?? '', Verb: attrs.verb ?? '' };
}

export function specOf(obj: KObject): SubjectAccessReviewSpec {
  return (obj.spec ?? {}) as SubjectAccessReviewSpec;
}
