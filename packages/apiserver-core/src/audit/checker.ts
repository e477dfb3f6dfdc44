import type { AuthorizationAttributes } from '../authorization/authorizer';
import type { Level, Policy, PolicyRule, Stage } from './types';

/** audit.RequestAuditConfig: what the first matching rule decided for one request. */
export interface RequestAuditConfig {
  level: Level;
  omitStages: Stage[];
  omitManagedFields: boolean;
}

/** audit.PolicyRuleEvaluator: evaluated once per request, with the authenticated user. */
export interface PolicyRuleEvaluator {
  evaluatePolicyRule(attrs: AuthorizationAttributes): RequestAuditConfig;
}

/**
 * policy.NewPolicyRuleEvaluator: rules in order, the first match wins; no match is level None.
 * Each rule's omitStages are unioned with the policy's, and a rule's omitManagedFields overrides
 * the policy's only when the rule sets it.
 */
export function newPolicyRuleEvaluator(policy: Policy): PolicyRuleEvaluator {
  const rules = policy.rules.map((rule) => ({
    rule,
    config: {
      level: rule.level,
      omitStages: [...new Set([...(policy.omitStages ?? []), ...(rule.omitStages ?? [])])],
      omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields ?? false,
    },
  }));
  const fallback: RequestAuditConfig = { level: 'None', omitStages: [...(policy.omitStages ?? [])], omitManagedFields: false };
  return {
    evaluatePolicyRule(attrs) {
      return rules.find(({ rule }) => ruleMatches(rule, attrs))?.config ?? fallback;
    },
  };
}

export function ruleMatches(rule: PolicyRule, attrs: AuthorizationAttributes): boolean {
  const user = attrs.user;
  if (rule.users?.length && !rule.users.includes(user?.name ?? '')) return false;
  if (rule.userGroups?.length && !(user?.groups ?? []).some((g) => rule.userGroups!.includes(g))) return false;
  if (rule.verbs?.length && !rule.verbs.includes(attrs.verb)) return false;
  if (rule.namespaces?.length || rule.resources?.length) return ruleMatchesResource(rule, attrs);
  if (rule.nonResourceURLs?.length) return !attrs.resourceRequest && rule.nonResourceURLs.some((spec) => pathMatches(attrs.path ?? '', spec));
  return true;
}

/** "*" matches all, a trailing "*" matches the prefix, anything else the exact path. */
function pathMatches(path: string, spec: string): boolean {
  if (spec === '*' || spec === path) return true;
  return spec.endsWith('*') && path.startsWith(spec.replace(/\*+$/, ''));
}

function ruleMatchesResource(rule: PolicyRule, attrs: AuthorizationAttributes): boolean {
  if (!attrs.resourceRequest) return false;
  // Cluster-scoped resources have the empty namespace, which a rule names as "".
  if (rule.namespaces?.length && !rule.namespaces.includes(attrs.namespace ?? '')) return false;
  if (!rule.resources?.length) return true;
  const resource = attrs.resource ?? '';
  const subresource = attrs.subresource ?? '';
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return rule.resources.some((gr) => {
    if ((gr.group ?? '') !== (attrs.apiGroup ?? '')) return false;
    if (!gr.resources?.length) return true;
    if (gr.resourceNames?.length && !gr.resourceNames.includes(attrs.name ?? '')) return false;
    return gr.resources.some(
      (res) =>
        res === '*' || res === combined || (subresource !== '' && res.startsWith('*/') && res.slice(2) === subresource) || (res.endsWith('/*') && res.slice(0, -2) === resource),
    );
  });
}
