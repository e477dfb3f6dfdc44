import type { UserInfo } from '../authentication/user';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, RuleResolver, RulesResult } from './authorizer';

/**
 * union.New of k8s.io/apiserver: asks each authorizer in order; the first Allow or Deny decides
 * (with that authorizer's reason and error). When every one has no opinion, the answer is
 * NoOpinion with all reasons joined by newlines and all errors aggregated — what a 403 and a
 * SubjectAccessReview's status then show.
 */
export function unionAuthorizer(...authorizers: Authorizer[]): Authorizer {
  return {
    async authorize(attrs: AuthorizationAttributes): Promise<AuthorizationResult> {
      const reasons: string[] = [];
      const errors: string[] = [];
      for (const authorizer of authorizers) {
        const result = await evaluate(authorizer, attrs);
        if (result.evaluationError) errors.push(result.evaluationError);
        if (result.reason) reasons.push(result.reason);
        if (result.decision !== 'NoOpinion') return result;
      }
      return withError<AuthorizationResult>({ decision: 'NoOpinion', reason: reasons.join('\n') }, aggregateErrors(errors));
    },
  };
}

/**
 * union.NewRuleResolvers: every resolver's rules, concatenated in order; incomplete when any
 * resolver is (Node and Webhook cannot list theirs), errors aggregated as for the authorizers.
 */
export function unionRuleResolver(...resolvers: RuleResolver[]): RuleResolver {
  return {
    async rulesFor(user: UserInfo, namespace: string): Promise<RulesResult> {
      const out: RulesResult = { resourceRules: [], nonResourceRules: [], incomplete: false };
      const errors: string[] = [];
      for (const resolver of resolvers) {
        let rules: RulesResult;
        try {
          rules = await resolver.rulesFor(user, namespace);
        } catch (err) {
          rules = { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: (err as Error).message };
        }
        out.resourceRules.push(...rules.resourceRules);
        out.nonResourceRules.push(...rules.nonResourceRules);
        out.incomplete ||= rules.incomplete;
        if (rules.evaluationError) errors.push(rules.evaluationError);
      }
      return withError(out, aggregateErrors(errors));
    },
  };
}

/** An authorizer that throws has no opinion and reports why, as a Go authorizer returning an error. */
async function evaluate(authorizer: Authorizer, attrs: AuthorizationAttributes): Promise<AuthorizationResult> {
  try {
    return await authorizer.authorize(attrs);
  } catch (err) {
    return { decision: 'NoOpinion', reason: '', evaluationError: (err as Error).message ?? String(err) };
  }
}

/**
 * utilerrors.NewAggregate(...).Error(): one error is its own message; several are listed in
 * brackets, comma separated, each message once.
 */
export function aggregateErrors(messages: string[]): string | undefined {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return undefined;
  if (unique.length === 1) return unique[0];
  return `[${unique.join(', ')}]`;
}

function withError<T extends { evaluationError?: string }>(value: T, error: string | undefined): T {
  return error === undefined ? value : { ...value, evaluationError: error };
}
