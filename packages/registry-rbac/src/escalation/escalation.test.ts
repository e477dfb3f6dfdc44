import { expect } from 'chai';
import { isStatusError, type Authorizer, type KObject, type RequestContext, type StorageBackend, type UserInfo } from '@kapi/apiserver-core';
import type { RBACStores } from '../authorizer/rbac-index';
import type { RBACPolicy } from './rbac-policy';
import { eventually } from '@kapi/apiserver-core/testing';
import { newTestRBAC, requestAs } from '../testing/rbac-test-storage';

const rbac = 'rbac.authorization.k8s.io/v1';
const bob: UserInfo = { name: 'bob', groups: ['system:authenticated'] };

type Creater = { create(ctx: RequestContext, obj: KObject, v: undefined, o: object): Promise<KObject> };
const create = (store: unknown, ctx: RequestContext, obj: KObject) => (store as Creater).create(ctx, obj, undefined, {});

async function forbidden(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isStatusError(err) && err.code === 403) return err.message;
    throw err;
  }
  throw new Error('expected 403 Forbidden, the request succeeded');
}

const podRole = (name: string, ns: string, verbs = ['get', 'list']): KObject => ({
  apiVersion: rbac,
  kind: 'Role',
  metadata: { name, namespace: ns },
  rules: [{ verbs, apiGroups: [''], resources: ['pods'] }],
});
const binding = (name: string, ns: string, kind: 'Role' | 'ClusterRole', role: string, user = 'carol'): KObject => ({
  apiVersion: rbac,
  kind: 'RoleBinding',
  metadata: { name, namespace: ns },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: role },
  subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: user }],
});

describe('RBAC escalation checks (ConfirmNoEscalation, BindingAuthorized)', () => {
  let backend: StorageBackend;
  let stores: RBACStores;
  let policy: RBACPolicy;

  beforeEach(async () => {
    ({ backend, stores, policy } = await newTestRBAC());
    // bob may read pods in "team" through a Role bound by the server itself (no user: trusted).
    await create(stores.roles, { namespace: 'team' }, podRole('pod-reader', 'team'));
    await create(stores.rolebindings, { namespace: 'team' }, binding('bob-reads', 'team', 'Role', 'pod-reader', 'bob'));
    await policy.synced();
    await eventually(() =>
      expect(policy.authorizer.authorize({ user: bob, verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', namespace: 'team' }).decision).to.equal('Allow'),
    );
  });
  afterEach(async () => {
    policy.stop();
    await backend.destroy();
  });

  it('a user may create a Role with rules they hold, not one granting more', async () => {
    await create(stores.roles, requestAs(bob, 'roles', 'team'), podRole('copy', 'team'));
    const msg = await forbidden(create(stores.roles, requestAs(bob, 'roles', 'team'), podRole('more', 'team', ['get', 'delete', 'patch'])));
    expect(msg).to.equal(
      'roles.rbac.authorization.k8s.io "more" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete" "patch"]}',
    );
    // Held in "team" only: the same rules elsewhere are an escalation.
    await forbidden(create(stores.roles, requestAs(bob, 'roles', 'other'), podRole('copy', 'other')));
  });

  it('system:masters and the server itself (no user) may write any role', async () => {
    await create(stores.clusterroles, requestAs({ name: 'root', groups: ['system:masters'] }, 'clusterroles'), {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: 'all' },
      rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    });
    await create(stores.clusterroles, {}, { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'all2' }, rules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] });
  });

  it('escalate on the role, asked of the server authorizer, lifts the check', async () => {
    const asked: string[] = [];
    policy.serverAuthorizer = {
      authorize: (a) => {
        asked.push(`${a.verb} ${a.resource} ${a.namespace}`);
        return { decision: a.verb === 'escalate' ? 'Allow' : 'NoOpinion', reason: '' };
      },
    } satisfies Authorizer;
    await create(stores.roles, requestAs(bob, 'roles', 'team', 'wide'), podRole('wide', 'team', ['*']));
    expect(asked).to.deep.equal(['escalate roles team']);
  });

  it('an update is checked on the object it produces', async () => {
    const store = stores.roles as unknown as { update: (...a: unknown[]) => Promise<unknown> };
    const widen = {
      preconditions: () => undefined,
      updatedObject: async (_c: unknown, old: KObject) => ({ ...old, rules: [{ verbs: ['*'], apiGroups: [''], resources: ['pods'] }] }),
    };
    const msg = await forbidden(store.update(requestAs(bob, 'roles', 'team', 'pod-reader'), 'pod-reader', widen, undefined, undefined, false, {}));
    expect(msg).to.match(
      /^roles.rbac.authorization.k8s.io "pod-reader" is forbidden: user "bob" .* not currently held:\n\{APIGroups:\[""\], Resources:\["pods"\], Verbs:\["\*"\]\}$/,
    );
  });

  it("a binding needs the referenced role's rules, or bind on it", async () => {
    await create(stores.rolebindings, requestAs(bob, 'rolebindings', 'team'), binding('share', 'team', 'Role', 'pod-reader'));
    await create(
      stores.clusterroles,
      {},
      { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'secrets' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }] },
    );
    await eventually(() => expect(policy.index.getClusterRole('secrets')).to.not.equal(undefined));
    const msg = await forbidden(create(stores.rolebindings, requestAs(bob, 'rolebindings', 'team'), binding('leak', 'team', 'ClusterRole', 'secrets')));
    expect(msg).to.equal(
      'rolebindings.rbac.authorization.k8s.io "leak" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    );
    expect(await forbidden(create(stores.rolebindings, requestAs(bob, 'rolebindings', 'team'), binding('dangling', 'team', 'Role', 'nope')))).to.equal(
      'rolebindings.rbac.authorization.k8s.io "dangling" is forbidden: roles.rbac.authorization.k8s.io "nope" not found',
    );
    policy.serverAuthorizer = { authorize: (a) => ({ decision: a.verb === 'bind' && a.name === 'secrets' && a.namespace === 'team' ? 'Allow' : 'NoOpinion', reason: '' }) };
    await create(stores.rolebindings, requestAs(bob, 'rolebindings', 'team'), binding('leak', 'team', 'ClusterRole', 'secrets'));
  });

  it('setting an aggregationRule takes cluster-admin powers', async () => {
    policy.serverAuthorizer = { authorize: () => ({ decision: 'NoOpinion', reason: '' }) };
    const msg = await forbidden(
      create(stores.clusterroles, requestAs(bob, 'clusterroles'), {
        apiVersion: rbac,
        kind: 'ClusterRole',
        metadata: { name: 'agg' },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] },
      }),
    );
    expect(msg).to.equal('clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
  });
});
