import type { AuthorizationAttributes, AuthorizationResult, Authorizer, NonResourceRuleInfo, ResourceRuleInfo, RuleResolver, RulesResult, UserInfo } from '@kapi/apiserver-core';
import { ruleAllows } from '../rules/rule-matching';
import { describeRuleSource, type DefaultRuleResolver } from './rule-resolver';

/** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets. */
export function aggregateMessage(errors: readonly Error[]): string {
  if (errors.length === 1) return errors[0].message;
  return `[${errors.map((e) => e.message).join(', ')}]`;
}

/**
 * RBACAuthorizer (plugin/pkg/auth/authorizer/rbac): Allow when a rule of a binding naming the user
 * grants the request, NoOpinion otherwise (so the next mode of the union may still allow). It reads
 * only the in-memory index, so it answers synchronously.
 */
export class RBACAuthorizer implements Authorizer, RuleResolver {
  constructor(private readonly resolver: DefaultRuleResolver) {}

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    let reason = '';
    const errors: Error[] = [];
    this.resolver.visitRulesFor(attrs.user, attrs.namespace ?? '', (source, rule, err) => {
      if (err) errors.push(err);
      if (source && rule && ruleAllows(attrs, rule)) {
        reason = `RBAC: allowed by ${describeRuleSource(source)}`;
        return false;
      }
      return true;
    });
    if (reason) return { decision: 'Allow', reason };
    return { decision: 'NoOpinion', reason: errors.length ? `RBAC: ${aggregateMessage(errors)}` : '' };
  }

  /** RulesFor as SelfSubjectRulesReview reports it: resource rules and non-resource rules apart. */
  rulesFor(user: UserInfo, namespace: string): RulesResult {
    const { rules, errors } = this.resolver.rulesFor(user, namespace);
    const resourceRules: ResourceRuleInfo[] = [];
    const nonResourceRules: NonResourceRuleInfo[] = [];
    for (const r of rules) {
      if ((r.resources ?? []).length > 0) {
        // Empty lists are left out, as Go's omitempty does in SelfSubjectRulesReview's status.
        const info: ResourceRuleInfo = { verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources };
        if (r.resourceNames?.length) info.resourceNames = r.resourceNames;
        resourceRules.push(info);
      }
      if ((r.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs });
    }
    const result: RulesResult = { resourceRules, nonResourceRules, incomplete: errors.length > 0 };
    if (errors.length) result.evaluationError = aggregateMessage(errors);
    return result;
  }
}
