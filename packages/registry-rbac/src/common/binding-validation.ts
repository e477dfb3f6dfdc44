import { FieldError, semanticEqual, type ErrorList } from '@kapi/apiserver-core';
import type { BindingObject, RoleRef } from './types';
import { validateRoleRef, validateSubjects } from './validation';

/** ValidateRoleBinding / ValidateClusterRoleBinding: the roleRef kinds allowed differ, and ServiceAccounts of a ClusterRoleBinding need a namespace. */
export function validateBinding(obj: BindingObject, namespaced: boolean): ErrorList {
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  return [...validateRoleRef(obj.roleRef, kinds), ...validateSubjects(obj.subjects, namespaced)];
}

/** The role a binding grants never changes: delete and recreate the binding instead. */
export function validateBindingUpdate(obj: BindingObject, old: BindingObject, namespaced: boolean): ErrorList {
  const errs = validateBinding(obj, namespaced);
  if (!semanticEqual(normalize(obj.roleRef), normalize(old.roleRef))) errs.push(new RoleRefChanged(obj.roleRef));
  return errs;
}

function normalize(ref: RoleRef | undefined): RoleRef {
  return { apiGroup: ref?.apiGroup ?? '', kind: ref?.kind ?? '', name: ref?.name ?? '' };
}

/** kube prints the rejected roleRef as a Go struct: rbac.RoleRef{APIGroup:"…", Kind:"…", Name:"…"}. */
class RoleRefChanged extends FieldError {
  constructor(ref: RoleRef | undefined) {
    super('FieldValueInvalid', 'roleRef', ref, 'cannot change roleRef');
  }

  override errorBody(): string {
    const r = normalize(this.badValue as RoleRef | undefined);
    return `Invalid value: rbac.RoleRef{APIGroup:${JSON.stringify(r.apiGroup)}, Kind:${JSON.stringify(r.kind)}, Name:${JSON.stringify(r.name)}}: ${this.detail}`;
  }
}
