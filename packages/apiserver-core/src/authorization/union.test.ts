import { expect } from 'chai';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, RuleResolver } from './authorizer';
import { alwaysAllowAuthorizer, alwaysDenyAuthorizer } from './always';
import { aggregateErrors, unionAuthorizer, unionRuleResolver } from './union';

const attrs: AuthorizationAttributes = { user: { name: 'alice', groups: [] }, verb: 'get', resourceRequest: true, resource: 'pods', namespace: 'default' };
const answering = (result: AuthorizationResult, calls: string[] = [], name = ''): Authorizer => ({
  authorize: () => (calls.push(name), result),
});

describe('unionAuthorizer', () => {
  it('the first Allow decides and later authorizers are not asked', async () => {
    const calls: string[] = [];
    const union = unionAuthorizer(
      answering({ decision: 'NoOpinion', reason: 'not mine' }, calls, 'a'),
      answering({ decision: 'Allow', reason: 'RBAC: allowed by ClusterRoleBinding' }, calls, 'b'),
      answering({ decision: 'Deny', reason: 'never' }, calls, 'c'),
    );
    expect(await union.authorize(attrs)).to.deep.equal({ decision: 'Allow', reason: 'RBAC: allowed by ClusterRoleBinding' });
    expect(calls).to.deep.equal(['a', 'b']);
  });

  it('a Deny decides with only its own reason and error', async () => {
    const union = unionAuthorizer(
      answering({ decision: 'NoOpinion', reason: 'first', evaluationError: 'e1' }),
      answering({ decision: 'Deny', reason: 'webhook says no', evaluationError: 'e2' }),
      alwaysAllowAuthorizer,
    );
    expect(await union.authorize(attrs)).to.deep.equal({ decision: 'Deny', reason: 'webhook says no', evaluationError: 'e2' });
  });

  it('with no opinion anywhere, reasons are joined by newlines and errors aggregated', async () => {
    const union = unionAuthorizer(
      answering({ decision: 'NoOpinion', reason: 'r1', evaluationError: 'boom' }),
      answering({ decision: 'NoOpinion', reason: '' }),
      { authorize: () => Promise.reject(new Error('webhook down')) },
      alwaysDenyAuthorizer,
    );
    expect(await union.authorize(attrs)).to.deep.equal({
      decision: 'NoOpinion',
      reason: 'r1\nEverything is forbidden.',
      evaluationError: '[boom, webhook down]',
    });
  });

  it('an empty union has no opinion', async () => {
    expect(await unionAuthorizer().authorize(attrs)).to.deep.equal({ decision: 'NoOpinion', reason: '' });
  });
});

describe('unionRuleResolver', () => {
  it('concatenates rules in order and is incomplete when any resolver is', async () => {
    const partial: RuleResolver = {
      rulesFor: () => ({ resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], nonResourceRules: [], incomplete: true, evaluationError: 'cannot list' }),
    };
    const out = await unionRuleResolver(partial, alwaysAllowAuthorizer, alwaysDenyAuthorizer).rulesFor({ name: 'alice', groups: [] }, 'default');
    expect(out).to.deep.equal({
      resourceRules: [
        { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      ],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: true,
      evaluationError: 'cannot list',
    });
  });

  it('complete rules stay complete', async () => {
    const out = await unionRuleResolver(alwaysDenyAuthorizer).rulesFor({ name: 'alice', groups: [] }, 'default');
    expect(out).to.deep.equal({ resourceRules: [], nonResourceRules: [], incomplete: false });
  });
});

describe('aggregateErrors', () => {
  it('prints one error bare and several bracketed, each once', () => {
    expect(aggregateErrors([])).to.equal(undefined);
    expect(aggregateErrors(['a'])).to.equal('a');
    expect(aggregateErrors(['a', 'b', 'a'])).to.equal('[a, b]');
  });
});
