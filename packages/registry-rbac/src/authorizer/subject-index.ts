import type { UserInfo } from '@kapi/apiserver-core';
import { GroupKind, ServiceAccountKind, UserKind, type BindingObject } from '../common/types';
import { serviceAccountUsername } from './subjects';

/**
 * Bindings by the identity their subjects name, so a request looks up its user's and groups'
 * bindings instead of walking every binding. A ServiceAccount subject is keyed by the user name
 * its tokens authenticate as (its namespace defaulting to the binding's).
 */
export class SubjectIndex {
  private readonly byKey = new Map<string, BindingObject[]>();

  constructor(bindings: readonly BindingObject[], bindingNamespace: string) {
    for (const b of bindings) {
      const keys = new Set<string>();
      for (const s of b.subjects ?? []) {
        if (s.kind === UserKind) keys.add(`u:${s.name}`);
        else if (s.kind === GroupKind) keys.add(`g:${s.name}`);
        else if (s.kind === ServiceAccountKind && (s.namespace || bindingNamespace)) keys.add(`u:${serviceAccountUsername(s.namespace || bindingNamespace, s.name)}`);
      }
      for (const k of keys) {
        const list = this.byKey.get(k);
        if (list) list.push(b);
        else this.byKey.set(k, [b]);
      }
    }
  }

  /** The bindings naming the user or one of their groups, each once. */
  bindingsFor(user: UserInfo): readonly BindingObject[] {
    const lists: BindingObject[][] = [];
    const own = this.byKey.get(`u:${user.name}`);
    if (own) lists.push(own);
    for (const g of user.groups) {
      const l = this.byKey.get(`g:${g}`);
      if (l) lists.push(l);
    }
    if (lists.length <= 1) return lists[0] ?? [];
    return [...new Set(lists.flat())];
  }
}
