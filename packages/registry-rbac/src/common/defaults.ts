import { GroupKind, rbacGroup, UserKind, type BindingObject } from './types';

/**
 * SetDefaults_RoleBinding / _ClusterRoleBinding / _Subject of rbac/v1: an empty roleRef.apiGroup
 * is the RBAC group, and so is the apiGroup of User and Group subjects (`kubectl create
 * rolebinding --user` sends it, hand-written YAML often does not).
 */
export function setDefaultsBinding(obj: BindingObject): void {
  if (obj.roleRef && !obj.roleRef.apiGroup) obj.roleRef.apiGroup = rbacGroup;
  for (const s of obj.subjects ?? []) {
    if (!s.apiGroup && (s.kind === UserKind || s.kind === GroupKind)) s.apiGroup = rbacGroup;
  }
}
