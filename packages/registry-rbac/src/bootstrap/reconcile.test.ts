import { expect } from 'chai';
import type { BindingObject, ClusterRoleObject } from '../common/types';
import { reconcileBinding, reconcileRole } from './reconcile';

const role = (rules: ClusterRoleObject['rules'], meta: Record<string, unknown> = {}): ClusterRoleObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'r', ...meta },
  rules,
});
const crb = (subjects: BindingObject['subjects'], roleName = 'r', meta: Record<string, unknown> = {}): BindingObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'b', ...meta },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
  subjects,
});
const user = (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });

describe('RBAC reconciliation (pkg/registry/rbac/reconciliation)', () => {
  it('creates a missing role', () => {
    const r = reconcileRole(undefined, role([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]));
    expect(r.operation).to.equal('Create');
  });

  it('adds missing rules and keeps extra ones; labels and annotations merge with the existing values winning', () => {
    const existing = role([{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }], { labels: { team: 'a', tier: 'x' } });
    const expected = role([{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }], { labels: { tier: 'y', 'kubernetes.io/bootstrapping': 'rbac-defaults' } });
    const r = reconcileRole(existing, expected);
    expect(r.operation).to.equal('Update');
    expect(r.object.rules).to.deep.equal([
      { verbs: ['delete'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
    ]);
    expect(r.object.metadata?.labels).to.deep.equal({ team: 'a', tier: 'x', 'kubernetes.io/bootstrapping': 'rbac-defaults' });
  });

  it('with removeExtraPermissions the rules become the expected ones', () => {
    const existing = role([{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }]);
    const r = reconcileRole(existing, role([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]), true);
    expect(r.object.rules).to.deep.equal([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
  });

  it('an up-to-date role needs nothing; autoupdate "false" protects it', () => {
    const rules = [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }];
    expect(reconcileRole(role(rules), role(rules)).operation).to.equal('None');
    const prot = reconcileRole(role([], { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } }), role(rules));
    expect(prot.protected).to.equal(true);
  });

  it('adds missing aggregation selectors, and does not count aggregated rules as extra', () => {
    const sel = { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } };
    const existing: ClusterRoleObject = {
      ...role([{ verbs: ['get'], apiGroups: ['x'], resources: ['y'] }]),
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { mine: 'true' } }] },
    };
    const r = reconcileRole(existing, { ...role([]), aggregationRule: { clusterRoleSelectors: [sel] } });
    expect(r.extraRules).to.deep.equal([]);
    expect(r.object.aggregationRule?.clusterRoleSelectors).to.deep.equal([{ matchLabels: { mine: 'true' } }, sel]);
    expect(r.object.rules).to.deep.equal(existing.rules);
  });

  it('adds missing subjects, recreates a binding to another role', () => {
    const r = reconcileBinding(crb([user('a')]), crb([user('b')]));
    expect(r.operation).to.equal('Update');
    expect(r.object.subjects).to.deep.equal([user('a'), user('b')]);
    expect(reconcileBinding(crb([user('a')]), crb([user('a')]), true).operation).to.equal('None');
    expect(reconcileBinding(crb([user('a')], 'old'), crb([user('a')])).operation).to.equal('Recreate');
    expect(reconcileBinding(crb([user('a')], 'r', { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } }), crb([user('b')])).protected).to.equal(true);
  });
});
