import { expect } from 'chai';
import { isCreater, isGracefulDeleter, type AuthorizationAttributes, type KObject, type StorageBackend, type UserInfo } from '@kapi/apiserver-core';
import type { RBACStores } from './rbac-index';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { eventually } from '@kapi/apiserver-core/testing';
import { newTestRBAC } from '../testing/rbac-test-storage';

const rbac = 'rbac.authorization.k8s.io/v1';
const alice: UserInfo = { name: 'alice', groups: ['devs', 'system:authenticated'] };
const robot: UserInfo = { name: 'system:serviceaccount:team:robot', groups: ['system:serviceaccounts'] };

async function create(store: unknown, obj: KObject): Promise<void> {
  if (!isCreater(store as never)) throw new Error('not a creater');
  await (store as { create: (c: object, o: KObject, v: undefined, opts: object) => Promise<KObject> }).create({ namespace: obj.metadata?.namespace }, obj, undefined, {});
}

const get = (ns: string, resource: string, name = ''): AuthorizationAttributes => ({
  user: alice,
  verb: 'get',
  resourceRequest: true,
  apiGroup: '',
  resource,
  namespace: ns,
  name,
});

describe('RBACAuthorizer over the informer-fed index', () => {
  let backend: StorageBackend;
  let stores: RBACStores;
  let policy: RBACPolicy;

  beforeEach(async () => {
    ({ backend, stores, policy } = await newTestRBAC());
    await create(stores.clusterroles, {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: 'pod-reader' },
      rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
    });
    await create(stores.clusterroles, { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'health' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }] });
    await create(stores.roles, {
      apiVersion: rbac,
      kind: 'Role',
      metadata: { name: 'cm', namespace: 'team' },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }],
    });
    await policy.synced();
  });
  afterEach(async () => {
    policy.stop();
    await backend.destroy();
  });

  it("allows through a ClusterRoleBinding to a group, with kube's reason", async () => {
    await create(stores.clusterrolebindings, {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'devs-read' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-reader' },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }],
    });
    await eventually(() =>
      expect(policy.authorizer.authorize(get('any', 'pods'))).to.deep.equal({
        decision: 'Allow',
        reason: 'RBAC: allowed by ClusterRoleBinding "devs-read" of ClusterRole "pod-reader" to Group "devs"',
      }),
    );
    expect(policy.authorizer.authorize({ ...get('any', 'pods'), verb: 'delete' }).decision).to.equal('NoOpinion');
    expect(policy.authorizer.authorize({ ...get('any', 'pods'), user: { name: 'bob', groups: [] } }).decision).to.equal('NoOpinion');
  });

  it('a RoleBinding grants only in its namespace; a bare ServiceAccount subject is of that namespace', async () => {
    await create(stores.rolebindings, {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'robot-read', namespace: 'team' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'robot' }],
    });
    const attrs = { ...get('team', 'pods'), user: robot };
    await eventually(() =>
      expect(policy.authorizer.authorize(attrs)).to.deep.equal({
        decision: 'Allow',
        reason: 'RBAC: allowed by RoleBinding "robot-read/team" of ClusterRole "pod-reader" to ServiceAccount "robot/team"',
      }),
    );
    expect(policy.authorizer.authorize({ ...attrs, namespace: 'other' }).decision).to.equal('NoOpinion');
    expect(policy.authorizer.authorize({ ...attrs, namespace: '' }).decision).to.equal('NoOpinion');
  });

  it('Role rules with resourceNames, non-resource URLs, and a deleted binding stops granting', async () => {
    await create(stores.rolebindings, {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'alice-cm', namespace: 'team' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    });
    await create(stores.clusterrolebindings, {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'health' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'health' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    });
    await eventually(() => expect(policy.authorizer.authorize(get('team', 'configmaps', 'settings')).decision).to.equal('Allow'));
    expect(policy.authorizer.authorize(get('team', 'configmaps', 'other')).decision).to.equal('NoOpinion');
    await eventually(() => expect(policy.authorizer.authorize({ user: alice, verb: 'get', resourceRequest: false, path: '/healthz/etcd' }).decision).to.equal('Allow'));
    const del = stores.rolebindings;
    if (!isGracefulDeleter(del)) throw new Error('not a deleter');
    await del.delete({ namespace: 'team' }, 'alice-cm', undefined, {});
    await eventually(() => expect(policy.authorizer.authorize(get('team', 'configmaps', 'settings')).decision).to.equal('NoOpinion'));
  });

  it('a binding to a missing role is NoOpinion with the resolution error as reason', async () => {
    await create(stores.clusterrolebindings, {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'dangling' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'nope' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    });
    await eventually(() =>
      expect(policy.authorizer.authorize(get('x', 'secrets'))).to.deep.equal({
        decision: 'NoOpinion',
        reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "nope" not found',
      }),
    );
  });

  it('rulesFor lists resource and non-resource rules apart (SelfSubjectRulesReview)', async () => {
    await create(stores.clusterrolebindings, {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'both' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'health' },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }],
    });
    await create(stores.rolebindings, {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'alice-cm', namespace: 'team' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    });
    await eventually(() =>
      expect(policy.authorizer.rulesFor(alice, 'team')).to.deep.equal({
        resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }],
        nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }],
        incomplete: false,
      }),
    );
  });

  it('a binding naming the user and one of their groups counts once', async () => {
    await create(stores.clusterrolebindings, {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'twice' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'health' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      ],
    });
    await eventually(() => expect(policy.authorizer.rulesFor(alice, '').nonResourceRules).to.deep.equal([{ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }]));
  });
});
