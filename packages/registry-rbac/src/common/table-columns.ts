import type { KObject, TableColumn } from '@kapi/apiserver-core';
import { ServiceAccountKind, type BindingObject } from './types';

/** Roles and ClusterRoles print their creation time, not an age: NAME CREATED AT. */
export const createdAtColumn: TableColumn = {
  name: 'Created At',
  type: 'date',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  cell: (o: KObject) => String(o.metadata?.creationTimestamp ?? ''),
};

/** The ROLE column of bindings: "ClusterRole/view". */
export const roleRefColumn: TableColumn = {
  name: 'Role',
  description: 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.',
  cell: (o: KObject) => `${(o as BindingObject).roleRef?.kind ?? ''}/${(o as BindingObject).roleRef?.name ?? ''}`,
};

/** rbac.SubjectsStrings: users, groups and "namespace/name" ServiceAccounts, ", "-joined, shown with -o wide. */
function subjectsOf(kind: string) {
  return (o: KObject): string =>
    ((o as BindingObject).subjects ?? [])
      .filter((s) => s.kind === kind)
      .map((s) => (kind === ServiceAccountKind ? `${s.namespace ?? ''}/${s.name}` : s.name))
      .join(', ');
}

export function subjectColumns(bindingKind: string): TableColumn[] {
  return [
    { name: 'Users', priority: 1, description: `Users in the ${bindingKind}`, cell: subjectsOf('User') },
    { name: 'Groups', priority: 1, description: `Groups in the ${bindingKind}`, cell: subjectsOf('Group') },
    { name: 'ServiceAccounts', priority: 1, description: `ServiceAccounts in the ${bindingKind}`, cell: subjectsOf(ServiceAccountKind) },
  ];
}
