import type { LabelSelectorSpec } from '../common/types';
import { rbacAPIVersion, ServiceAccountKind, rbacGroup, type BindingObject, type ClusterRoleObject, type PolicyRule, type RoleObject, type Subject } from '../common/types';

/** Every bootstrap object is labelled so, and annotated to be kept up to date at every start. */
export const bootstrappingLabel = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
export const AutoUpdateAnnotation = 'rbac.authorization.kubernetes.io/autoupdate';
const autoUpdate = { [AutoUpdateAnnotation]: 'true' };

export interface RoleSpec {
  name: string;
  rules?: PolicyRule[];
  /** Extra labels (the aggregate-to-* labels). */
  labels?: Record<string, string>;
  aggregate?: LabelSelectorSpec[];
}

export function clusterRole(spec: RoleSpec): ClusterRoleObject {
  const obj: ClusterRoleObject = {
    apiVersion: rbacAPIVersion,
    kind: 'ClusterRole',
    metadata: { name: spec.name, labels: { ...bootstrappingLabel, ...spec.labels }, annotations: { ...autoUpdate } },
    rules: spec.rules ?? [],
  };
  if (spec.aggregate) obj.aggregationRule = { clusterRoleSelectors: spec.aggregate };
  return obj;
}

export function role(namespace: string, name: string, rules: PolicyRule[]): RoleObject {
  return {
    apiVersion: rbacAPIVersion,
    kind: 'Role',
    metadata: { name, namespace, labels: { ...bootstrappingLabel }, annotations: { ...autoUpdate } },
    rules,
  };
}

export const users = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'User', apiGroup: rbacGroup, name }));
export const groups = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'Group', apiGroup: rbacGroup, name }));
export const serviceAccount = (namespace: string, name: string): Subject => ({ kind: ServiceAccountKind, name, namespace });

export function clusterRoleBinding(roleName: string, subjects: Subject[], name = roleName): BindingObject {
  return {
    apiVersion: rbacAPIVersion,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...bootstrappingLabel }, annotations: { ...autoUpdate } },
    roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

export function roleBinding(namespace: string, roleName: string, subjects: Subject[], name = roleName): BindingObject {
  return {
    apiVersion: rbacAPIVersion,
    kind: 'RoleBinding',
    metadata: { name, namespace, labels: { ...bootstrappingLabel }, annotations: { ...autoUpdate } },
    roleRef: { apiGroup: rbacGroup, kind: 'Role', name: roleName },
    subjects,
  };
}
