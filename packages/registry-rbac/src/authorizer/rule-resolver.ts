import type { UserInfo } from '@kapi/apiserver-core';
import type { BindingObject, PolicyRule, RoleRef, Subject } from '../common/types';
import type { RBACPolicySource } from './rbac-index';
import { appliesTo, describeSubject } from './subjects';

/** Where a rule came from, for the authorizer's reason ("ClusterRoleBinding "x" of ClusterRole "y" to User "z""). */
export interface RuleSource {
  binding: BindingObject;
  subject: Subject;
  /** "" for a ClusterRoleBinding. */
  namespace: string;
}

export function describeRuleSource(source: RuleSource): string {
  const b = source.binding;
  const ref = `${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)}`;
  if (!source.namespace) return `ClusterRoleBinding ${JSON.stringify(b.metadata?.name ?? '')} of ${ref} to ${describeSubject(source.subject, '')}`;
  const name = `${b.metadata?.name ?? ''}/${source.namespace}`;
  return `RoleBinding ${JSON.stringify(name)} of ${ref} to ${describeSubject(source.subject, source.namespace)}`;
}

/** Return false to stop the walk. An error is a binding whose role could not be resolved. */
export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, err: Error | undefined) => boolean;

/** How a missing role reads: the authorizer's listers say "clusterrole…", the registry's storage "clusterroles…". */
export type NotFoundStyle = 'singular' | 'plural';

/**
 * DefaultRuleResolver (pkg/registry/rbac/validation): the rules a user holds in a namespace —
 * every ClusterRoleBinding that names them, then the RoleBindings of that namespace.
 */
export class DefaultRuleResolver {
  constructor(
    private readonly policy: RBACPolicySource,
    private readonly notFoundStyle: NotFoundStyle = 'singular',
  ) {}

  visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor): void {
    const clusterBindings = this.policy.bindingsFor?.(user, '') ?? this.policy.listClusterRoleBindings();
    for (const binding of clusterBindings) {
      if (!this.visitBinding(user, binding, '', visitor)) return;
    }
    if (!namespace) return;
    const bindings = this.policy.bindingsFor?.(user, namespace) ?? this.policy.listRoleBindings(namespace);
    for (const binding of bindings) {
      if (!this.visitBinding(user, binding, namespace, visitor)) return;
    }
  }

  /** RulesFor: every rule held, plus the errors met (rules from other bindings still count). */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: Error[] } {
    const rules: PolicyRule[] = [];
    const errors: Error[] = [];
    this.visitRulesFor(user, namespace, (_source, rule, err) => {
      if (rule) rules.push(rule);
      if (err) errors.push(err);
      return true;
    });
    return { rules, errors };
  }

  /** GetRoleReferenceRules: the rules of the Role (in the binding's namespace) or ClusterRole a binding names. */
  getRoleReferenceRules(roleRef: RoleRef, bindingNamespace: string): PolicyRule[] {
    if (roleRef.kind === 'Role') {
      const role = this.policy.getRole(bindingNamespace, roleRef.name);
      if (!role) throw this.notFound('role', roleRef.name);
      return role.rules ?? [];
    }
    if (roleRef.kind === 'ClusterRole') {
      const role = this.policy.getClusterRole(roleRef.name);
      if (!role) throw this.notFound('clusterrole', roleRef.name);
      return role.rules ?? [];
    }
    throw new Error(`unsupported role reference kind: ${JSON.stringify(roleRef.kind)}`);
  }

  private visitBinding(user: UserInfo, binding: BindingObject, namespace: string, visitor: RuleVisitor): boolean {
    const i = appliesTo(user, binding.subjects, namespace);
    if (i < 0) return true;
    let rules: PolicyRule[];
    try {
      rules = this.getRoleReferenceRules(binding.roleRef, namespace);
    } catch (err) {
      return visitor(undefined, undefined, err as Error);
    }
    const source: RuleSource = { binding, subject: binding.subjects![i], namespace };
    for (const rule of rules) if (!visitor(source, rule, undefined)) return false;
    return true;
  }

  private notFound(singular: string, name: string): Error {
    const resource = this.notFoundStyle === 'singular' ? singular : `${singular}s`;
    return new Error(`${resource}.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`);
  }
}
