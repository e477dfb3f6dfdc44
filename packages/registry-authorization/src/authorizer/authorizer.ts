/**
 * authorizer.Attributes and authorizer.Authorizer of k8s.io/apiserver: who asks to do what. kapi has
 * no authentication yet, so every request comes from one anonymous user and the only authorizer is
 * kube-apiserver's `--authorization-mode=AlwaysAllow`.
 */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

export interface Decision {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

export interface Authorizer {
  authorize(attrs: ResourceAttributes | NonResourceAttributes): Decision;
  /** RulesFor: what the user may do in a namespace (SelfSubjectRulesReview). */
  rulesFor(namespace: string): { resourceRules: object[]; nonResourceRules: object[]; incomplete: boolean };
}

/** authorizerfactory.NewAlwaysAllowAuthorizer: every request is allowed, every rule is "*". */
export const alwaysAllowAuthorizer: Authorizer = {
  authorize: () => ({ allowed: true }),
  rulesFor: () => ({
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  }),
};
