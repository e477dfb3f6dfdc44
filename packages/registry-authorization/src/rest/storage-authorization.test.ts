import 'reflect-metadata';
import { expect } from 'chai';
import { Container } from 'inversify';
import {
  alwaysAllowAuthorizer,
  AuthorizerKey,
  isStatusError,
  RuleResolverKey,
  type APIResourceConfigSource,
  type AuthorizationAttributes,
  type Authorizer,
  type KObject,
  type RequestContext,
  type RuleResolver,
  type Storage,
  bindService,
} from '@kapi/apiserver-core';
import { AuthorizationRESTStorageProvider } from './storage-authorization';

const allSource: APIResourceConfigSource = { versionEnabled: () => true, resourceEnabled: () => true };
const noOptions = {
  getRESTOptions: () => {
    throw new Error('reviews store nothing');
  },
} as never;

/** An authorizer with a table of answers by user, remembering what it was asked. */
function tableAuthorizer(asked: AuthorizationAttributes[]): Authorizer {
  return {
    authorize: (a) => {
      asked.push(a);
      if (a.user.name === 'alice' || a.user.groups.includes('admins')) return { decision: 'Allow', reason: 'alice may' };
      if (a.user.name === 'mallory') return { decision: 'Deny', reason: 'mallory may not' };
      return { decision: 'NoOpinion', reason: '', evaluationError: 'webhook unreachable' };
    },
  };
}

async function expectStatusError(p: Promise<unknown>, code: number, message: string): Promise<void> {
  try {
    await p;
    expect.fail(`expected ${code}`);
  } catch (err) {
    if (!isStatusError(err)) throw err;
    expect(err.code).to.equal(code);
    expect(err.message).to.equal(message);
  }
}

describe('authorization.k8s.io/v1 reviews', () => {
  const asked: AuthorizationAttributes[] = [];
  let storage: Record<string, Storage & { namespaceScoped(): boolean; create: (ctx: RequestContext, obj: KObject, v: undefined, o: object) => Promise<KObject> }>;
  const resolver: RuleResolver = {
    rulesFor: (user, namespace) => ({
      resourceRules: [
        { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] },
        { verbs: ['list'], resources: [namespace] },
      ],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: [`/${user.name}`] }],
      incomplete: true,
      evaluationError: 'node authorizer does not support user rule resolution',
    }),
  };

  before(async () => {
    const container = new Container();
    bindService(container, AuthorizerKey).toConstantValue(tableAuthorizer(asked));
    bindService(container, RuleResolverKey).toConstantValue(resolver);
    container.bind(AuthorizationRESTStorageProvider).toSelf();
    const info = await container.get(AuthorizationRESTStorageProvider).newRESTStorage(allSource, noOptions);
    storage = info.versionedResourcesStorageMap.v1 as never;
  });
  beforeEach(() => (asked.length = 0));

  const review = (kind: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KObject => ({
    apiVersion: 'authorization.k8s.io/v1',
    kind,
    metadata,
    spec,
  });

  it('serves the four review resources', () => {
    expect(Object.keys(storage).sort()).to.deep.equal(['localsubjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews']);
    expect(storage.localsubjectaccessreviews.namespaceScoped()).to.equal(true);
    expect(storage.subjectaccessreviews.namespaceScoped()).to.equal(false);
  });

  it("SubjectAccessReview asks the configured authorizer about the spec's subject; an empty version means every version", async () => {
    const out = await storage.subjectaccessreviews.create(
      {},
      review('SubjectAccessReview', {
        user: 'bob',
        groups: ['admins'],
        uid: 'u1',
        extra: { scopes: ['a'] },
        resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'ns', name: 'p' },
      }),
      undefined,
      {},
    );
    expect(out.status).to.deep.equal({ allowed: true, reason: 'alice may' });
    expect(out.metadata).to.deep.equal({ creationTimestamp: null });
    expect(asked).to.deep.equal([
      {
        user: { name: 'bob', groups: ['admins'], uid: 'u1', extra: { scopes: ['a'] } },
        verb: 'get',
        resourceRequest: true,
        namespace: 'ns',
        apiGroup: '',
        apiVersion: '*',
        resource: 'pods',
        subresource: '',
        name: 'p',
      },
    ]);
  });

  it('a Deny is allowed false, denied true; no opinion carries the evaluation error', async () => {
    const denied = await storage.subjectaccessreviews.create(
      {},
      review('SubjectAccessReview', { user: 'mallory', nonResourceAttributes: { path: '/logs', verb: 'get' } }),
      undefined,
      {},
    );
    expect(denied.status).to.deep.equal({ allowed: false, denied: true, reason: 'mallory may not' });
    expect(asked[0]).to.deep.include({ resourceRequest: false, path: '/logs', verb: 'get' });
    const none = await storage.subjectaccessreviews.create({}, review('SubjectAccessReview', { user: 'x', resourceAttributes: { verb: 'get' } }), undefined, {});
    expect(none.status).to.deep.equal({ allowed: false, evaluationError: 'webhook unreachable' });
  });

  it("SubjectAccessReview needs a user or groups and exactly one kind of attributes (422, kube's messages)", async () => {
    await expectStatusError(
      storage.subjectaccessreviews.create({}, review('SubjectAccessReview', {}), undefined, {}),
      422,
      'SubjectAccessReview.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]',
    );
    await expectStatusError(
      storage.selfsubjectaccessreviews.create({}, review('SelfSubjectAccessReview', { resourceAttributes: {}, nonResourceAttributes: {} }), undefined, {}),
      422,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: {"Path":"","Verb":""}: cannot be specified in combination with resourceAttributes',
    );
  });

  it("SelfSubjectAccessReview asks about the request's user", async () => {
    const alice = { name: 'alice', groups: ['system:authenticated'] };
    const out = await storage.selfsubjectaccessreviews.create(
      { user: alice },
      review('SelfSubjectAccessReview', { resourceAttributes: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'ns' } }),
      undefined,
      {},
    );
    expect(out.status).to.deep.equal({ allowed: true, reason: 'alice may' });
    expect(asked[0].user).to.equal(alice);
    expect(asked[0]).to.include({ apiGroup: 'apps', resource: 'deployments', namespace: 'ns', verb: 'create' });
  });

  it("LocalSubjectAccessReview takes the path namespace and refuses attributes for another (kube's message)", async () => {
    const ok = await storage.localsubjectaccessreviews.create(
      { namespace: 'team' },
      review('LocalSubjectAccessReview', {
        user: 'alice',
        resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'team' },
      }),
      undefined,
      {},
    );
    expect(ok.metadata).to.deep.equal({ namespace: 'team', creationTimestamp: null });
    expect(ok.status).to.deep.equal({ allowed: true, reason: 'alice may' });
    await expectStatusError(
      storage.localsubjectaccessreviews.create(
        { namespace: 'team' },
        review('LocalSubjectAccessReview', { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'other' } }),
        undefined,
        {},
      ),
      422,
      'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "other": must match metadata.namespace',
    );
    await expectStatusError(
      storage.localsubjectaccessreviews.create(
        { namespace: 'team' },
        review('LocalSubjectAccessReview', { user: 'alice', nonResourceAttributes: { path: '/x', verb: 'get' } }),
        undefined,
        {},
      ),
      422,
      'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: {"Path":"/x","Verb":"get"}: disallowed on this kind of request',
    );
    await expectStatusError(
      storage.localsubjectaccessreviews.create(
        { namespace: 'team' },
        review('LocalSubjectAccessReview', { user: 'alice', resourceAttributes: { namespace: 'x' } }, { namespace: 'x' }),
        undefined,
        {},
      ),
      400,
      'the namespace of the provided object does not match the namespace sent on the request',
    );
    expect(asked).to.have.length(1);
  });

  it("SelfSubjectRulesReview lists the resolver's rules for the user and namespace, as a new object", async () => {
    const out = await storage.selfsubjectrulesreviews.create(
      { user: { name: 'alice', groups: [] } },
      review('SelfSubjectRulesReview', { namespace: 'team' }, { name: 'x' }),
      undefined,
      {},
    );
    expect(out).to.deep.equal({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      metadata: { creationTimestamp: null },
      spec: {},
      status: {
        resourceRules: [
          { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
          { verbs: ['list'], resources: ['team'] },
        ],
        nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/alice'] }],
        incomplete: true,
        evaluationError: 'node authorizer does not support user rule resolution',
      },
    });
    await expectStatusError(storage.selfsubjectrulesreviews.create({}, review('SelfSubjectRulesReview', {}), undefined, {}), 400, 'no namespace on request');
  });

  it('a container without an authorizer answers as AlwaysAllow', async () => {
    const container = new Container();
    container.bind(AuthorizationRESTStorageProvider).toSelf();
    const info = await container.get(AuthorizationRESTStorageProvider).newRESTStorage(allSource, noOptions);
    const rest = info.versionedResourcesStorageMap.v1.selfsubjectrulesreviews as never as typeof storage.x;
    const out = await rest.create({}, review('SelfSubjectRulesReview', { namespace: 'default' }), undefined, {});
    expect(out.status).to.deep.equal(await alwaysAllowAuthorizer.rulesFor({ name: '', groups: [] }, 'default'));
  });
});
