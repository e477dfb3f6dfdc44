import { SystemPrivilegedGroup, type Authorizer, type RequestContext, type UserInfo } from '@kapi/apiserver-core';
import type { PolicyRule, RoleRef } from '../common/types';
import type { DefaultRuleResolver } from '../authorizer/rule-resolver';
import { covers } from '../rules/covers';
import { compactRules, compactString, goQuotedList } from '../rules/compact';

/**
 * The checks of pkg/registry/rbac (escalation_check.go, validation.ConfirmNoEscalation) that keep
 * RBAC from being a way around RBAC: nobody grants — in a role or through a binding — permissions
 * they do not hold, unless they were given `escalate` or `bind` for that role.
 */

/**
 * EscalationAllowed: members of system:masters may write any role. A request without a user is
 * the server's own (bootstrap policy, aggregation controller, an unauthenticated in-process
 * server), trusted as kube trusts its privileged loopback client.
 */
export function escalationAllowed(ctx: RequestContext): boolean {
  return !ctx.user || ctx.user.groups.includes(SystemPrivilegedGroup);
}

const roleResources = new Set(['roles', 'clusterroles']);

/** RoleEscalationAuthorized: may the user `escalate` the role this request writes? */
export async function roleEscalationAuthorized(ctx: RequestContext, authorizer: Authorizer | undefined): Promise<boolean> {
  const info = ctx.requestInfo;
  if (!authorizer || !ctx.user || !info || !roleResources.has(info.resource) || info.apiGroup !== 'rbac.authorization.k8s.io') return false;
  const result = await authorizer.authorize({
    user: ctx.user,
    verb: 'escalate',
    resourceRequest: true,
    apiGroup: info.apiGroup,
    apiVersion: '*',
    resource: info.resource,
    name: info.name,
    namespace: info.namespace,
  });
  return result.decision === 'Allow';
}

/**
 * BindingAuthorized: may the user `bind` the referenced role? Asked in the binding's namespace (""
 * for a ClusterRoleBinding), so `bind` can be delegated per namespace.
 */
export async function bindingAuthorized(ctx: RequestContext, roleRef: RoleRef, bindingNamespace: string, authorizer: Authorizer | undefined): Promise<boolean> {
  if (!authorizer || !ctx.user) return false;
  const resource = roleRef.kind === 'ClusterRole' ? 'clusterroles' : roleRef.kind === 'Role' ? 'roles' : undefined;
  if (!resource) return false;
  const result = await authorizer.authorize({
    user: ctx.user,
    verb: 'bind',
    resourceRequest: true,
    apiGroup: roleRef.apiGroup,
    resource,
    name: roleRef.name,
    namespace: bindingNamespace,
  });
  return result.decision === 'Allow';
}

/**
 * ConfirmNoEscalation: the rules the user holds in the request's namespace must cover `rules`.
 * Returns the refusal kube gives (its text goes after "… is forbidden: "), or undefined.
 */
export function confirmNoEscalation(user: UserInfo, namespace: string, resolver: DefaultRuleResolver, rules: PolicyRule[]): string | undefined {
  const held = resolver.rulesFor(user, namespace);
  const { covered, missing } = covers(held.rules, rules);
  if (covered) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.name)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (held.errors.length) msg += `; resolution errors: [${held.errors.map((e) => e.message).join(' ')}]`;
  return msg;
}
