import type { APIGroupInfo } from '@kapi/apiserver-core';
import type { RBACAuthorizer } from './authorizer/rbac-authorizer';
import { rbacGroup } from './common/types';
import { rbacPolicyOf } from './escalation/rbac-policy';

/**
 * The RBAC authorizer of an installed server (`--authorization-mode=RBAC`): call after
 * `instance.installAPIs()` with `instance.groups`. It reads the same informer-fed index as the
 * rbac Stores' escalation checks; undefined when the rbac group is not installed.
 */
export function rbacAuthorizerFor(groups: ReadonlyMap<string, APIGroupInfo>): RBACAuthorizer | undefined {
  const policy = rbacPolicyOf(groups.get(rbacGroup));
  policy?.start();
  return policy?.authorizer;
}
