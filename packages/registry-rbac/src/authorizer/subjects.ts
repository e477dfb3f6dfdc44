import type { UserInfo } from '@kapi/apiserver-core';
import { GroupKind, ServiceAccountKind, UserKind, type Subject } from '../common/types';

/** serviceaccount.MakeUsername: the user name a ServiceAccount's token authenticates as. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * appliesToUser: a User subject by name, a Group by membership, a ServiceAccount by its user name —
 * its namespace defaulting to the binding's, so a RoleBinding may name local ServiceAccounts bare.
 */
export function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case UserKind:
      return user.name === subject.name;
    case GroupKind:
      return user.groups.includes(subject.name);
    case ServiceAccountKind: {
      const ns = subject.namespace || bindingNamespace;
      return ns !== '' && user.name === serviceAccountUsername(ns, subject.name);
    }
    default:
      return false;
  }
}

/** The index of the first subject that applies, or -1. */
export function appliesTo(user: UserInfo, subjects: readonly Subject[] | null | undefined, bindingNamespace: string): number {
  return (subjects ?? []).findIndex((s) => appliesToUser(user, s, bindingNamespace));
}

/** describeSubject: `User "alice"`, `ServiceAccount "name/namespace"`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === ServiceAccountKind) return `${subject.kind} ${JSON.stringify(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind} ${JSON.stringify(subject.name)}`;
}
