import type { ErrorList, KObject, RequestContext } from '@kapi/apiserver-core';
import { RBACStrategy } from '../common/rbac-strategy';
import { rbacGroup, type ClusterRoleObject } from '../common/types';
import { validateClusterRole } from './validation';

/** pkg/registry/rbac/clusterrole/strategy.go. */
export class ClusterRoleStrategy extends RBACStrategy {
  readonly kind = { group: rbacGroup, version: 'v1', kind: 'ClusterRole' };

  namespaceScoped(): boolean {
    return false;
  }

  override validate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateClusterRole(obj as ClusterRoleObject);
  }

  override validateUpdate(_ctx: RequestContext, obj: KObject): ErrorList {
    return validateClusterRole(obj as ClusterRoleObject);
  }
}

export const clusterRoleStrategy = new ClusterRoleStrategy();
