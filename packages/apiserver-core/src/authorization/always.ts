import type { AuthorizationResult, Authorizer, RuleResolver, RulesResult } from './authorizer';
import type { UserInfo } from '../authentication/user';
import { SystemPrivilegedGroup } from '../authentication/user';

/** authorizerfactory.NewAlwaysAllowAuthorizer: every request is allowed, every rule is "*". */
export const alwaysAllowAuthorizer: Authorizer & RuleResolver = {
  authorize: (): AuthorizationResult => ({ decision: 'Allow', reason: '' }),
  rulesFor: (): RulesResult => ({
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  }),
};

/** authorizerfactory.NewAlwaysDenyAuthorizer: every request is denied, no rule is listed. */
export const alwaysDenyAuthorizer: Authorizer & RuleResolver = {
  authorize: (): AuthorizationResult => ({ decision: 'NoOpinion', reason: 'Everything is forbidden.' }),
  rulesFor: (): RulesResult => ({ resourceRules: [], nonResourceRules: [], incomplete: false }),
};

/** authorizerfactory.NewPrivilegedGroups: members of system:masters are allowed everything, ahead of every mode. */
export const privilegedGroupAuthorizer: Authorizer = {
  authorize: (attrs): AuthorizationResult => (isPrivileged(attrs.user) ? { decision: 'Allow', reason: '' } : { decision: 'NoOpinion', reason: '' }),
};

function isPrivileged(user: UserInfo): boolean {
  return user.groups.includes(SystemPrivilegedGroup);
}
