import {
  newBadRequest,
  type CreateOptions,
  type KObject,
  type NonResourceRuleInfo,
  type RequestContext,
  type ResourceRuleInfo,
  type RuleResolver,
  type ValidateObjectFunc,
} from '@kapi/apiserver-core';
import { requestUser } from '../selfsubjectaccessreview/storage';

/**
 * selfsubjectrulesreviews (`kubectl auth can-i --list`): what the asking user may do in a
 * namespace, as the rule resolvers can list it — `incomplete` when one cannot (Node, Webhook).
 * As kube-apiserver, the answer is a new object: empty metadata and spec, only the status.
 */
export class SelfSubjectRulesReviewREST {
  constructor(private readonly ruleResolver: RuleResolver) {}

  newObject(): KObject {
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview' };
  }

  namespaceScoped(): boolean {
    return false;
  }

  getSingularName(): string {
    return 'selfsubjectrulesreview';
  }

  async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, _opts: CreateOptions): Promise<KObject> {
    const namespace = (obj.spec as { namespace?: unknown } | undefined)?.namespace;
    if (typeof namespace !== 'string' || namespace === '') throw newBadRequest('no namespace on request');
    await createValidation?.(ctx, obj);
    const rules = await this.ruleResolver.rulesFor(requestUser(ctx), namespace);
    const status: Record<string, unknown> = {
      resourceRules: rules.resourceRules.map(resourceRule),
      nonResourceRules: rules.nonResourceRules.map(nonResourceRule),
      incomplete: rules.incomplete,
    };
    if (rules.evaluationError) status.evaluationError = rules.evaluationError;
    return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: { creationTimestamp: null as never }, spec: {}, status };
  }
}

/** authorizationv1.ResourceRule: verbs always, the other lists only when set. */
function resourceRule(rule: ResourceRuleInfo): Record<string, string[]> {
  return {
    verbs: rule.verbs,
    ...(rule.apiGroups?.length ? { apiGroups: rule.apiGroups } : {}),
    ...(rule.resources?.length ? { resources: rule.resources } : {}),
    ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
  };
}

function nonResourceRule(rule: NonResourceRuleInfo): Record<string, string[]> {
  return { verbs: rule.verbs, ...(rule.nonResourceURLs?.length ? { nonResourceURLs: rule.nonResourceURLs } : {}) };
}
