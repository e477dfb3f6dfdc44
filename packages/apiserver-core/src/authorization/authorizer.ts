import type { UserInfo } from '../authentication/user';

/**
 * authorizer.Attributes of k8s.io/apiserver: who asks to do what. A resource request names a
 * group/resource (and maybe namespace, name, subresource); a non-resource request names a path.
 */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  /** Resource requests. */
  namespace?: string;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /**
   * The raw `fieldSelector` of a list, watch or deletecollection (KEP-4601, on by default in 1.32):
   * the Node authorizer lets a node list only the pods with `spec.nodeName=<itself>`.
   */
  fieldSelector?: string;
  /** Non-resource requests: the URL path. */
  path?: string;
}

/** authorizer.Decision: a union asks each authorizer in turn until one allows or denies. */
export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface AuthorizationResult {
  decision: Decision;
  /** Why (shown in 403 messages after the standard text, and in SubjectAccessReview status). */
  reason: string;
  /** An error met while evaluating (SubjectAccessReview status.evaluationError). */
  evaluationError?: string;
}

/** authorizer.Authorizer. Synchronous answers are allowed so that in-memory authorizers (RBAC) cost no tick. */
export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): AuthorizationResult | Promise<AuthorizationResult>;
}

/** authorizationv1.ResourceRule / NonResourceRule as SelfSubjectRulesReview reports them. */
export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface RulesResult {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  /** True when an authorizer in the chain cannot list its rules (Webhook, Node). */
  incomplete: boolean;
  evaluationError?: string;
}

/** authorizer.RuleResolver: what a user may do in a namespace (SelfSubjectRulesReview, `kubectl auth can-i --list`). */
export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): RulesResult | Promise<RulesResult>;
}
