import { protobuf } from '@kapi/apiserver-core';

const { message, list } = protobuf;
const { ObjectMeta, LabelSelector } = protobuf.metaV1;

/** rbac.authorization.k8s.io/v1 as k8s.io/api/rbac/v1 declares it: `kubectl create role|rolebinding|…` sends protobuf. */
export const PolicyRule = message('PolicyRule', [
  [1, 'verbs', list('string'), 'noOmitEmpty'],
  [2, 'apiGroups', list('string')],
  [3, 'resources', list('string')],
  [4, 'resourceNames', list('string')],
  [5, 'nonResourceURLs', list('string')],
]);

export const AggregationRule = message('AggregationRule', [[1, 'clusterRoleSelectors', list(LabelSelector)]]);

export const Role = message('Role', [
  [1, 'metadata', ObjectMeta],
  [2, 'rules', list(PolicyRule), 'noOmitEmpty'],
]);

export const ClusterRole = message('ClusterRole', [
  [1, 'metadata', ObjectMeta],
  [2, 'rules', list(PolicyRule), 'noOmitEmpty'],
  [3, 'aggregationRule', AggregationRule, 'pointer'],
]);

export const RoleRef = message('RoleRef', [
  [1, 'apiGroup', 'string', 'noOmitEmpty'],
  [2, 'kind', 'string', 'noOmitEmpty'],
  [3, 'name', 'string', 'noOmitEmpty'],
]);

export const Subject = message('Subject', [
  [1, 'kind', 'string', 'noOmitEmpty'],
  [2, 'apiGroup', 'string'],
  [3, 'name', 'string', 'noOmitEmpty'],
  [4, 'namespace', 'string'],
]);

export const RoleBinding = message('RoleBinding', [
  [1, 'metadata', ObjectMeta],
  [2, 'subjects', list(Subject)],
  [3, 'roleRef', RoleRef],
]);

export const ClusterRoleBinding = message('ClusterRoleBinding', [
  [1, 'metadata', ObjectMeta],
  [2, 'subjects', list(Subject)],
  [3, 'roleRef', RoleRef],
]);

export const rbacProtobufMessages = protobuf.newProtobufMessageRegistry({
  'rbac.authorization.k8s.io/v1': { Role, ClusterRole, RoleBinding, ClusterRoleBinding },
});
