import type { KObject } from '@kapi/apiserver-core';

/**
 * The rbac.authorization.k8s.io/v1 shapes the registry, the authorizer and the bootstrap policy
 * read. Objects travel as plain JSON (KObject); these name only the fields RBAC touches.
 */
export const rbacGroup = 'rbac.authorization.k8s.io';
export const rbacAPIVersion = `${rbacGroup}/v1`;

/** rbacv1.PolicyRule: verbs on resources of API groups (optionally by name), or on non-resource URLs. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** rbacv1.Subject: a User, a Group or a ServiceAccount (which carries a namespace). */
export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export const UserKind = 'User';
export const GroupKind = 'Group';
export const ServiceAccountKind = 'ServiceAccount';

/** rbacv1.RoleRef: the Role or ClusterRole a binding grants. */
export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/** metav1.LabelSelector as an aggregationRule carries it. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface AggregationRule {
  clusterRoleSelectors?: LabelSelectorSpec[];
}

export interface RoleObject extends KObject {
  rules?: PolicyRule[] | null;
}

export interface ClusterRoleObject extends RoleObject {
  aggregationRule?: AggregationRule;
}

export interface BindingObject extends KObject {
  roleRef: RoleRef;
  subjects?: Subject[] | null;
}

/** The verb, group and resource wildcards of rbacv1 (VerbAll, APIGroupAll, ResourceAll, NonResourceAll). */
export const All = '*';
