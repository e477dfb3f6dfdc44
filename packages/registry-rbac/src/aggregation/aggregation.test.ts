import { expect } from 'chai';
import type { KObject, RequestContext, StorageBackend } from '@kapi/apiserver-core';
import type { RBACStores } from '../authorizer/rbac-index';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { eventually } from '@kapi/apiserver-core/testing';
import { newTestRBAC } from '../testing/rbac-test-storage';
import { ensureClusterPolicy } from '../bootstrap/ensure-policy';
import { ClusterRoleAggregationController } from './clusterrole-aggregation-controller';

type Store = {
  create(ctx: RequestContext, obj: KObject, v: undefined, o: object): Promise<KObject>;
  get(ctx: RequestContext, name: string, o: object): Promise<KObject>;
  update(ctx: RequestContext, name: string, info: object, c: undefined, u: undefined, f: boolean, o: object): Promise<unknown>;
};

describe('ClusterRole aggregation and the bootstrap policy', () => {
  let backend: StorageBackend;
  let stores: RBACStores;
  let policy: RBACPolicy;
  let controller: ClusterRoleAggregationController;

  beforeEach(async () => {
    const t = await newTestRBAC();
    ({ backend, stores, policy } = t);
    await ensureClusterPolicy(stores);
    // The controller finds the policy and the Store through the installed group, as in the server.
    controller = new ClusterRoleAggregationController(new Map([['rbac.authorization.k8s.io', t.info]]));
    controller.start();
  });
  afterEach(async () => {
    controller.stop();
    policy.stop();
    await backend.destroy();
  });

  const rulesOf = async (name: string) => ((await (stores.clusterroles as unknown as Store).get({}, name, {})).rules ?? []) as { resources?: string[] }[];

  it('fills admin, edit and view from the system:aggregate-to-* roles', async () => {
    await eventually(async () => {
      const view = await rulesOf('view');
      expect(view.some((r) => r.resources?.includes('pods'))).to.equal(true);
      expect(view.some((r) => r.resources?.includes('secrets'))).to.equal(false);
      const edit = await rulesOf('edit');
      expect(edit.some((r) => r.resources?.includes('secrets'))).to.equal(true);
      const admin = await rulesOf('admin');
      expect(admin.some((r) => r.resources?.includes('rolebindings'))).to.equal(true);
      expect(admin.length).to.be.greaterThan(edit.length);
    });
  });

  it('a role labelled aggregate-to-view shows up in view, edit and admin, and leaves when unlabelled', async () => {
    const store = stores.clusterroles as unknown as Store;
    await store.create(
      {},
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'widgets-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
        rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['example.com'], resources: ['widgets'] }],
      },
      undefined,
      {},
    );
    for (const name of ['view', 'edit', 'admin']) {
      await eventually(async () => expect((await rulesOf(name)).some((r) => r.resources?.includes('widgets'))).to.equal(true, name));
    }
    await store.update(
      {},
      'widgets-view',
      {
        preconditions: () => undefined,
        updatedObject: async (_c: unknown, old: KObject) => ({ ...old, metadata: { ...old.metadata, labels: {} } }),
      },
      undefined,
      undefined,
      false,
      {},
    );
    await eventually(async () => expect((await rulesOf('view')).some((r) => r.resources?.includes('widgets'))).to.equal(false));
  });

  it('bootstrap reconciliation is idempotent and leaves autoupdate "false" roles alone', async () => {
    const store = stores.clusterroles as unknown as Store;
    const before = await store.get({}, 'system:basic-user', {});
    await ensureClusterPolicy(stores);
    expect((await store.get({}, 'system:basic-user', {})).metadata?.resourceVersion).to.equal(before.metadata?.resourceVersion);
    await store.update(
      {},
      'system:basic-user',
      {
        preconditions: () => undefined,
        updatedObject: async (_c: unknown, old: KObject) => ({
          ...old,
          metadata: { ...old.metadata, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } },
          rules: [],
        }),
      },
      undefined,
      undefined,
      false,
      {},
    );
    await ensureClusterPolicy(stores);
    expect((await store.get({}, 'system:basic-user', {})).rules).to.deep.equal([]);
    await store.update(
      {},
      'system:discovery',
      {
        preconditions: () => undefined,
        updatedObject: async (_c: unknown, old: KObject) => ({ ...old, rules: [] }),
      },
      undefined,
      undefined,
      false,
      {},
    );
    await ensureClusterPolicy(stores);
    expect(((await store.get({}, 'system:discovery', {})).rules as unknown[]).length).to.be.greaterThan(0);
  });
});
