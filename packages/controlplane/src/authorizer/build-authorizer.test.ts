import { expect } from 'chai';
import { startWebhookTestServer, type AuthorizationAttributes, type Authorizer, type RuleResolver } from '@kapi/apiserver-core';
import { buildAuthorizer } from './build-authorizer';
import { defaultAuthorizationOptions, secureAuthorizationModes, validateAuthorizationOptions, type BuiltInAuthorizationOptions } from './options';

const options = (over: Partial<BuiltInAuthorizationOptions>): BuiltInAuthorizationOptions => ({ ...defaultAuthorizationOptions(), ...over });
const ask = (user: string, groups: string[] = []): AuthorizationAttributes => ({
  user: { name: user, groups },
  verb: 'list',
  resourceRequest: true,
  apiGroup: '',
  resource: 'secrets',
  namespace: 'default',
});
const emptyGraph = { podsOnNode: async () => [], getPersistentVolumeClaim: async () => undefined, getPersistentVolume: async () => undefined };

/** A stand-in for sec-rbac's authorizer: allows "rbac-user", lists one rule. */
const rbacLike: Authorizer & RuleResolver = {
  authorize: (a) => (a.user.name === 'rbac-user' ? { decision: 'Allow', reason: 'RBAC: allowed' } : { decision: 'NoOpinion', reason: '' }),
  rulesFor: () => ({ resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], nonResourceRules: [], incomplete: false }),
};

describe('--authorization-mode', () => {
  it('validates as kube-apiserver, reporting every problem', () => {
    expect(validateAuthorizationOptions(options({ modes: [] }))).to.deep.equal(['at least one authorization-mode must be passed']);
    expect(validateAuthorizationOptions(options({ modes: ['RBAC', 'Foo', 'RBAC'] }))).to.deep.equal([
      'authorization-mode "Foo" is not a valid mode',
      'authorization-mode ["RBAC" "Foo" "RBAC"] has mode specified more than once',
    ]);
    expect(validateAuthorizationOptions(options({ modes: ['Webhook'] }))).to.deep.equal(["authorization-mode Webhook's authorization config file not passed"]);
    expect(validateAuthorizationOptions(options({ modes: ['RBAC'], webhookConfigFile: '/x' }))).to.deep.equal([
      'cannot specify --authorization-webhook-config-file without mode Webhook',
    ]);
  });

  it('an invalid mode list fails start-up with the aggregated messages', () => {
    expect(() => buildAuthorizer(options({ modes: ['Foo'] }))).to.throw('authorization-mode "Foo" is not a valid mode');
    expect(() => buildAuthorizer(options({ modes: ['Foo', 'Bar'] }))).to.throw('[authorization-mode "Foo" is not a valid mode, authorization-mode "Bar" is not a valid mode]');
    expect(() => buildAuthorizer(options({ modes: ['RBAC'] }))).to.throw('authorization-mode RBAC needs the rbac.authorization.k8s.io API group');
  });

  it("has kube's webhook defaults; the secure modes are Node,RBAC", () => {
    expect(defaultAuthorizationOptions()).to.deep.include({ webhookVersion: 'v1beta1', webhookCacheAuthorizedTTLMs: 300_000, webhookCacheUnauthorizedTTLMs: 30_000 });
    expect(secureAuthorizationModes).to.deep.equal(['Node', 'RBAC']);
  });

  it('system:masters is allowed ahead of every mode, even AlwaysDeny', async () => {
    const { authorizer } = buildAuthorizer(options({ modes: ['AlwaysDeny'] }));
    expect(await authorizer.authorize(ask('root', ['system:masters']))).to.deep.equal({ decision: 'Allow', reason: '' });
    expect(await authorizer.authorize(ask('alice'))).to.deep.equal({ decision: 'NoOpinion', reason: 'Everything is forbidden.' });
  });

  it('asks the modes in order: Node has no opinion on other users, RBAC then decides', async () => {
    const { authorizer, ruleResolver } = buildAuthorizer(options({ modes: ['Node', 'RBAC'] }), { rbac: () => rbacLike, nodeGraph: emptyGraph });
    expect(await authorizer.authorize(ask('rbac-user'))).to.deep.equal({ decision: 'Allow', reason: 'RBAC: allowed' });
    expect((await authorizer.authorize(ask('alice'))).decision).to.equal('NoOpinion');
    const node = await authorizer.authorize({ ...ask('system:node:n1', ['system:nodes']), verb: 'get', name: 's' });
    expect(node).to.deep.equal({ decision: 'NoOpinion', reason: "no relationship found between node 'n1' and this object" });
    expect(await ruleResolver.rulesFor({ name: 'alice', groups: [] }, 'default')).to.deep.equal({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
      nonResourceRules: [],
      incomplete: false,
    });
    expect(await ruleResolver.rulesFor({ name: 'system:node:n1', groups: ['system:nodes'] }, 'default')).to.include({
      incomplete: true,
      evaluationError: 'node authorizer does not support user rule resolution',
    });
  });

  it('RBAC is made at its first decision, once', async () => {
    let made = 0;
    const { authorizer } = buildAuthorizer(options({ modes: ['RBAC'] }), { rbac: () => (made++, rbacLike) });
    expect(made).to.equal(0);
    await authorizer.authorize(ask('rbac-user'));
    await authorizer.authorize(ask('alice'));
    expect(made).to.equal(1);
  });

  it('Webhook asks the configured HTTPS webhook; its refusal leaves the next mode to decide', async () => {
    const webhook = await startWebhookTestServer();
    const built = buildAuthorizer(options({ modes: ['Webhook', 'AlwaysAllow'], webhookConfigFile: webhook.kubeconfigPath, webhookVersion: 'v1' }));
    try {
      webhook.respond(() => ({ body: { status: { allowed: false, reason: 'webhook: no' } } }));
      expect(await built.authorizer.authorize(ask('alice'))).to.deep.equal({ decision: 'Allow', reason: '' });
      expect(webhook.calls[0].body.apiVersion).to.equal('authorization.k8s.io/v1');
      webhook.respond(() => ({ body: { status: { allowed: false, denied: true, reason: 'webhook: never' } } }));
      expect(await built.authorizer.authorize(ask('bob'))).to.deep.equal({ decision: 'Deny', reason: 'webhook: never' });
      expect(await built.ruleResolver.rulesFor({ name: 'bob', groups: [] }, 'default')).to.deep.equal({
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: true,
        evaluationError: 'webhook authorizer does not support user rule resolution',
      });
    } finally {
      built.close();
      await webhook.close();
    }
  });

  it('an unsupported webhook version fails start-up', async () => {
    const webhook = await startWebhookTestServer();
    try {
      expect(() => buildAuthorizer(options({ modes: ['Webhook'], webhookConfigFile: webhook.kubeconfigPath, webhookVersion: 'v2' }))).to.throw(
        'unsupported webhook authorizer version "v2", supported versions are "v1", "v1beta1"',
      );
    } finally {
      await webhook.close();
    }
  });
});
