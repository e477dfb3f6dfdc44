import { expect } from 'chai';
import { isStatusError, type KObject, type RequestContext, type StorageBackend, type TableConvertor } from '@kapi/apiserver-core';
import type { RBACStores } from '../authorizer/rbac-index';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { newTestRBAC } from '../testing/rbac-test-storage';

type Store = {
  create(ctx: RequestContext, obj: KObject, v: undefined, o: object): Promise<KObject>;
  update(ctx: RequestContext, name: string, info: object, c: undefined, u: undefined, f: boolean, o: object): Promise<{ obj: KObject; created: boolean }>;
};

async function invalidCauses(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (isStatusError(err) && err.code === 422) return (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    throw err;
  }
  throw new Error('expected 422 Invalid, the request succeeded');
}

const rbac = 'rbac.authorization.k8s.io/v1';
const group = 'rbac.authorization.k8s.io';

describe('rbac.authorization.k8s.io/v1 registry: validation, defaults and tables', () => {
  let backend: StorageBackend;
  let stores: RBACStores;
  let policy: RBACPolicy;
  const s = (r: keyof RBACStores) => stores[r] as unknown as Store;

  beforeEach(async () => ({ backend, stores, policy } = await newTestRBAC()));
  afterEach(async () => {
    policy.stop();
    await backend.destroy();
  });

  it('names are path segments: "system:controller:x" is fine, "a/b" is not', async () => {
    await s('clusterroles').create({}, { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'system:controller:x' }, rules: [] }, undefined, {});
    expect(await invalidCauses(s('clusterroles').create({}, { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'a/b' } }, undefined, {}))).to.deep.equal([
      'metadata.name: Invalid value: "a/b": may not contain \'/\'',
    ]);
  });

  it('rules need verbs, groups and resources; URLs only in ClusterRoles and alone', async () => {
    const role = (rules: unknown[]): KObject => ({ apiVersion: rbac, kind: 'Role', metadata: { name: 'r', namespace: 'ns' }, rules });
    expect(await invalidCauses(s('roles').create({ namespace: 'ns' }, role([{ resources: ['pods'] }, { verbs: ['get'], nonResourceURLs: ['/x'] }]), undefined, {}))).to.deep.equal([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[1].nonResourceURLs: Invalid value: ["/x"]: namespaced rules cannot apply to non-resource URLs',
    ]);
    expect(
      await invalidCauses(
        s('clusterroles').create(
          {},
          {
            apiVersion: rbac,
            kind: 'ClusterRole',
            metadata: { name: 'c' },
            rules: [{ verbs: ['get'], nonResourceURLs: ['/x'], resources: ['pods'] }],
            aggregationRule: {},
          },
          undefined,
          {},
        ),
      ),
    ).to.deep.equal([
      'rules[0].nonResourceURLs: Invalid value: ["/x"]: rules cannot apply to both regular resources and non-resource URLs',
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]);
  });

  it('bindings: roleRef kinds and group, subject kinds and groups; defaults fill the RBAC group', async () => {
    const crb = (roleRef: object, subjects: object[]): KObject => ({ apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef, subjects });
    expect(
      await invalidCauses(
        s('clusterrolebindings').create(
          {},
          crb({ apiGroup: 'x', kind: 'Role', name: 'r' }, [
            { kind: 'ServiceAccount', name: 'sa' },
            { kind: 'Robot', name: 'r2' },
            { kind: 'ServiceAccount', apiGroup: group, name: 'sa2', namespace: 'n' },
          ]),
          undefined,
          {},
        ),
      ),
    ).to.deep.equal([
      'roleRef.apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
      'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      'subjects[2].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
    ]);
    const out = await s('rolebindings').create(
      { namespace: 'ns' },
      {
        apiVersion: rbac,
        kind: 'RoleBinding',
        metadata: { name: 'rb', namespace: 'ns' },
        roleRef: { kind: 'Role', name: 'r' },
        subjects: [
          { kind: 'User', name: 'alice' },
          { kind: 'ServiceAccount', name: 'sa' },
        ],
      },
      undefined,
      {},
    );
    expect(out.roleRef).to.deep.equal({ apiGroup: group, kind: 'Role', name: 'r' });
    expect(out.subjects).to.deep.equal([
      { kind: 'User', apiGroup: group, name: 'alice' },
      { kind: 'ServiceAccount', name: 'sa' },
    ]);
  });

  it('roleRef cannot change; a PUT of a missing binding creates it', async () => {
    const rb = (role: string): KObject => ({
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'rb', namespace: 'ns' },
      roleRef: { apiGroup: group, kind: 'Role', name: role },
    });
    const put = (obj: KObject) => ({ preconditions: () => undefined, updatedObject: async () => structuredClone(obj) });
    const created = await s('rolebindings').update({ namespace: 'ns' }, 'rb', put(rb('a')), undefined, undefined, false, {});
    expect(created.created).to.equal(true);
    expect(await invalidCauses(s('rolebindings').update({ namespace: 'ns' }, 'rb', put(rb('b')), undefined, undefined, false, {}))).to.deep.equal([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef',
    ]);
  });

  it('tables: roles print NAME CREATED AT; bindings NAME ROLE AGE and the wide subject columns', async () => {
    const role = await s('roles').create({ namespace: 'ns' }, { apiVersion: rbac, kind: 'Role', metadata: { name: 'r', namespace: 'ns' }, rules: [] }, undefined, {});
    const rt = await (stores.roles as unknown as TableConvertor).convertToTable({}, role, {});
    expect(rt.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Created At']);
    expect(rt.rows[0].cells).to.deep.equal(['r', role.metadata?.creationTimestamp]);
    const b = await s('clusterrolebindings').create(
      {},
      {
        apiVersion: rbac,
        kind: 'ClusterRoleBinding',
        metadata: { name: 'b' },
        roleRef: { apiGroup: group, kind: 'ClusterRole', name: 'view' },
        subjects: [
          { kind: 'User', name: 'a' },
          { kind: 'User', name: 'b' },
          { kind: 'Group', name: 'g' },
          { kind: 'ServiceAccount', name: 'sa', namespace: 'kube-system' },
        ],
      },
      undefined,
      {},
    );
    const bt = await (stores.clusterrolebindings as unknown as TableConvertor).convertToTable({}, b, {});
    expect(bt.columnDefinitions.map((c) => `${c.name}:${c.priority ?? 0}`)).to.deep.equal(['Name:0', 'Role:0', 'Age:0', 'Users:1', 'Groups:1', 'ServiceAccounts:1']);
    expect([bt.rows[0].cells[0], bt.rows[0].cells[1], ...bt.rows[0].cells.slice(3)]).to.deep.equal(['b', 'ClusterRole/view', 'a, b', 'g', 'kube-system/sa']);
  });
});
