import { newBadRequest, type KObject, type RequestContext } from '@kapi/apiserver-core';
import { setDefaultsBinding } from './defaults';
import type { BindingObject } from './types';
import { bindingAuthorized, confirmNoEscalation, escalationAllowed } from '../escalation/escalation-check';
import type { RBACPolicy } from '../escalation/rbac-policy';

/**
 * The check in front of RoleBinding and ClusterRoleBinding writes (rolebinding/policybased): the
 * user must hold every rule of the referenced role where the binding applies, or may `bind` it.
 * Returns the refusal text, or undefined when the write may go on.
 */
export async function checkBindingWrite(ctx: RequestContext, obj: KObject, policy: RBACPolicy, namespaced: boolean): Promise<string | undefined> {
  if (escalationAllowed(ctx)) return undefined;
  const binding = obj as BindingObject;
  // Defaults belong to decoding in kube, so the check sees "rbac.authorization.k8s.io" even when the client left it out.
  setDefaultsBinding(binding);
  const namespace = namespaced ? ctx.namespace : '';
  if (namespace === undefined || (namespaced && !namespace)) throw newBadRequest('namespace is required');
  if (!binding.roleRef) return undefined;
  if (await bindingAuthorized(ctx, binding.roleRef, namespace, policy.escalationAuthorizer)) return undefined;
  await policy.synced();
  let rules;
  try {
    rules = policy.registryResolver.getRoleReferenceRules(binding.roleRef, namespace);
  } catch (err) {
    return (err as Error).message;
  }
  return confirmNoEscalation(ctx.user!, namespace, policy.registryResolver, rules);
}
