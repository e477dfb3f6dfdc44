import type { ErrorList, GroupVersionKind, KObject, RequestContext } from '@kapi/apiserver-core';
import { validateBinding, validateBindingUpdate } from './binding-validation';
import { setDefaultsBinding } from './defaults';
import { RBACStrategy } from './rbac-strategy';
import { rbacGroup, type BindingObject } from './types';

/** pkg/registry/rbac/{rolebinding,clusterrolebinding}/strategy.go, with rbac/v1's defaults applied on every write. */
export class BindingStrategy extends RBACStrategy {
  readonly kind: GroupVersionKind;

  constructor(kind: 'RoleBinding' | 'ClusterRoleBinding') {
    super();
    this.kind = { group: rbacGroup, version: 'v1', kind };
  }

  namespaceScoped(): boolean {
    return this.kind.kind === 'RoleBinding';
  }

  override prepareForCreate(_ctx: RequestContext, obj: KObject): void {
    setDefaultsBinding(obj as BindingObject);
  }

  override prepareForUpdate(_ctx: RequestContext, obj: KObject): void {
    setDefaultsBinding(obj as BindingObject);
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateBinding(obj as BindingObject, this.namespaceScoped());
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject, old: KObject): ErrorList {
    return validateBindingUpdate(obj as BindingObject, old as BindingObject, this.namespaceScoped());
  }
}
