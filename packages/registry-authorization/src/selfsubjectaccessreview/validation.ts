import { field, Path, type ErrorList, type KObject } from '@kapi/apiserver-core';

/** ValidateSelfSubjectAccessReview: exactly one of resourceAttributes and nonResourceAttributes. */
export function validateSelfSubjectAccessReview(obj: KObject): ErrorList {
  const spec = (obj.spec ?? {}) as { resourceAttributes?: unknown; nonResourceAttributes?: unknown };
  const specPath = Path.root('spec');
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    return [field.invalid(specPath.child('nonResourceAttributes'), spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes')];
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    return [field.invalid(specPath.child('resourceAttributes'), null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  }
  return [];
}
