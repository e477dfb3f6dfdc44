import type { ErrorList, KObject, RequestContext } from '@kapi/apiserver-core';
import { RBACStrategy } from '../common/rbac-strategy';
import { rbacGroup, type RoleObject } from '../common/types';
import { validateRole } from './validation';

/** pkg/registry/rbac/role/strategy.go. */
export class RoleStrategy extends RBACStrategy {
  readonly kind = { group: rbacGroup, version: 'v1', kind: 'Role' };

  namespaceScoped(): boolean {
    return true;
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateRole(obj as RoleObject);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateRole(obj as RoleObject);
  }
}

export const roleStrategy = new RoleStrategy();
