import { expect } from 'chai';
import { StatusError } from '../api/errors';
import type { KObject } from '../runtime/object';
import { SchemaRegistry } from '../schema/schema-registry';
import { FieldManager } from './field-manager';
import { trackScaleUpdate } from './scale';
import type { ManagedFieldsEntry } from './managed-fields';

// The examples of https://kubernetes.io/docs/reference/using-api/server-side-apply/, run through the field manager.

function registry(): SchemaRegistry {
  const r = new SchemaRegistry();
  r.addBuiltin({ group: '', version: 'v1', kind: 'ConfigMap' });
  r.addBuiltin({ group: 'apps', version: 'v1', kind: 'Deployment' });
  return r;
}

function managerOf(kind: 'ConfigMap' | 'Deployment'): FieldManager {
  const r = registry();
  const gvk = kind === 'ConfigMap' ? { group: '', version: 'v1', kind } : { group: 'apps', version: 'v1', kind };
  return new FieldManager(r, gvk, r.schemaOfKind(gvk)!);
}

const entries = (o: KObject) => (o.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
const entryOf = (o: KObject, manager: string, operation = 'Apply') => entries(o).find((e) => e.manager === manager && e.operation === operation);

function conflictOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a conflict');
}

const testCm = (data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'test-cm', namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});

describe('field manager (server-side apply)', () => {
  it('records the applier of a new object in FieldsV1, as the ConfigMap example', () => {
    const fm = managerOf('ConfigMap');
    const obj = fm.apply(undefined, testCm({ key: 'some value' }, { 'test-label': 'test' }), 'kubectl', false);
    expect(obj.data).to.deep.equal({ key: 'some value' });
    const e = entries(obj);
    expect(e).to.have.length(1);
    expect(e[0]).to.include({ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1' });
    expect(e[0].time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(e[0].fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } });
  });

  it('an update takes the field it changes from the applier (multiple managers example)', () => {
    const fm = managerOf('ConfigMap');
    const applied = fm.apply(undefined, testCm({ key: 'some value' }, { 'test-label': 'test' }), 'kubectl', false);
    const edited = structuredClone(applied);
    edited.data = { key: 'new value' };
    const updated = fm.update(applied, edited, 'kube-controller-manager');
    expect(entryOf(updated, 'kubectl')!.fieldsV1).to.deep.equal({ 'f:metadata': { 'f:labels': { 'f:test-label': {} } } });
    expect(entryOf(updated, 'kube-controller-manager', 'Update')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} } });
    expect(entries(updated).map((x) => x.operation)).to.deep.equal(['Apply', 'Update']);
  });

  it('an apply changing a field another manager owns is a 409 naming the field and the manager', () => {
    const fm = managerOf('ConfigMap');
    const applied = fm.apply(undefined, testCm({ key: 'some value' }, { 'test-label': 'test' }), 'kubectl', false);
    const updated = fm.update(applied, { ...structuredClone(applied), data: { key: 'new value' } }, 'kube-controller-manager');
    const err = conflictOf(() => fm.apply(updated, testCm({ key: 'mine' }, { 'test-label': 'test' }), 'kubectl', false));
    expect(err.code).to.equal(409);
    expect(err.reason).to.equal('Conflict');
    expect(err.message).to.equal('Apply failed with 1 conflict: conflict with "kube-controller-manager" using v1: .data.key');
    expect(err.details?.causes).to.deep.equal([{ reason: 'FieldManagerConflict', message: 'conflict with "kube-controller-manager" using v1', field: '.data.key' }]);
  });

  it('several conflicts are listed by manager', () => {
    const fm = managerOf('ConfigMap');
    const a = fm.apply(undefined, testCm({ a: '1', b: '2' }), 'alice', false);
    const err = conflictOf(() => fm.apply(a, testCm({ a: 'x', b: 'y' }), 'bob', false));
    expect(err.message).to.equal('Apply failed with 2 conflicts: conflicts with "alice":\n- .data.a\n- .data.b');
    expect(err.details?.causes).to.have.length(2);
  });

  it('force=true overwrites the value and moves the field to the applier alone', () => {
    const fm = managerOf('ConfigMap');
    const a = fm.apply(undefined, testCm({ key: 'one', other: 'x' }), 'alice', false);
    const b = fm.apply(a, testCm({ key: 'two' }), 'bob', true);
    expect(b.data).to.deep.equal({ key: 'two', other: 'x' });
    expect(entryOf(b, 'alice')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:other': {} } });
    expect(entryOf(b, 'bob')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} } });
  });

  it('two appliers of the same value share the field; one leaving it keeps the value, then the last one removes it', () => {
    const fm = managerOf('ConfigMap');
    const a = fm.apply(undefined, testCm({ key: 'same' }), 'alice', false);
    const shared = fm.apply(a, testCm({ key: 'same' }), 'bob', false);
    expect(entryOf(shared, 'alice')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} } });
    expect(entryOf(shared, 'bob')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} } });
    // Any change of the shared field by one of them conflicts with the other.
    expect(conflictOf(() => fm.apply(shared, testCm({ key: 'changed' }), 'bob', false)).code).to.equal(409);
    // Transfer: alice gives it up, the value stays, bob owns it alone.
    const handedOver = fm.apply(shared, testCm({}), 'alice', false);
    expect(handedOver.data).to.deep.equal({ key: 'same' });
    expect(entryOf(handedOver, 'alice')).to.equal(undefined);
    const removed = fm.apply(handedOver, testCm({}), 'bob', false);
    expect(removed.data ?? {}).to.deep.equal({});
  });

  it('a field the applier no longer applies is removed, one another manager set is kept', () => {
    const fm = managerOf('ConfigMap');
    const a = fm.apply(undefined, testCm({ mine: '1', dropme: '2' }, { keep: 'x', drop: 'y' }), 'alice', false);
    const withOther = fm.update(a, { ...structuredClone(a), data: { ...(a.data as object), theirs: '3' } }, 'kubectl-edit');
    const next = fm.apply(withOther, testCm({ mine: '1' }, { keep: 'x' }), 'alice', false);
    expect(next.data).to.deep.equal({ mine: '1', theirs: '3' });
    expect(next.metadata?.labels).to.deep.equal({ keep: 'x' });
  });

  it('an unchanged apply keeps the object and the timestamp', () => {
    const fm = managerOf('ConfigMap');
    const a = fm.apply(undefined, testCm({ k: 'v' }), 'alice', false);
    entries(a)[0].time = '2010-10-10T00:00:00Z';
    const again = fm.apply(a, testCm({ k: 'v' }), 'alice', false);
    expect(entries(again)[0].time).to.equal('2010-10-10T00:00:00Z');
  });

  it('associative lists merge item by key: each applier owns its own containers and ports', () => {
    const fm = managerOf('Deployment');
    const deployment = (containers: unknown[], replicas?: number) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx-deployment' },
      spec: {
        ...(replicas !== undefined ? { replicas } : {}),
        selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers } },
      },
    });
    const a = fm.apply(undefined, deployment([{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }], 3), 'alice', false);
    const b = fm.apply(
      a,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' }, spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } },
      'bob',
      false,
    );
    const containers = (b.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers;
    expect(containers.map((c) => c.name)).to.deep.equal(['nginx', 'sidecar']);
    expect(entryOf(a, 'alice')!.fieldsV1).to.deep.equal({
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
            },
          },
        },
      },
    });
    expect(entryOf(b, 'bob')!.fieldsV1).to.deep.equal({
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"sidecar"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } },
    });
    // alice drops replicas and her container; bob's container stays.
    const c = fm.apply(b, deployment([]), 'alice', false);
    const spec = c.spec as { replicas?: number; template: { spec: { containers: { name: string }[] } } };
    expect(spec.replicas).to.equal(undefined);
    expect(spec.template.spec.containers.map((x) => x.name)).to.deep.equal(['sidecar']);
    // The applier changing bob's container image conflicts on that item's field only.
    const err = conflictOf(() => fm.apply(c, deployment([{ name: 'sidecar', image: 'busybox:2' }]), 'alice', false));
    expect(err.message).to.equal('Apply failed with 1 conflict: conflict with "bob": .spec.template.spec.containers[name="sidecar"].image');
  });

  it('the handover of replicas to another manager (transferring ownership)', () => {
    const fm = managerOf('Deployment');
    const full = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' }, spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } } } };
    const a = fm.apply(undefined, full, 'kubectl', false);
    const shared = fm.apply(a, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' }, spec: { replicas: 3 } }, 'handover-to-hpa', false);
    const { replicas: _r, ...specNoReplicas } = full.spec;
    const after = fm.apply(shared, { ...full, spec: specNoReplicas }, 'kubectl', false);
    expect((after.spec as { replicas: number }).replicas).to.equal(3);
    expect(entryOf(after, 'handover-to-hpa')!.fieldsV1).to.deep.equal({ 'f:spec': { 'f:replicas': {} } });
    expect(entryOf(after, 'kubectl')!.fieldsV1).to.deep.equal({ 'f:spec': { 'f:selector': {} } });
  });

  it('updates record added maps as members and keep live managedFields when the body has none', () => {
    const fm = managerOf('ConfigMap');
    const created = fm.update(undefined, testCm({ a: 'b' }), 'kubectl-create');
    expect(entryOf(created, 'kubectl-create', 'Update')!.fieldsV1).to.deep.equal({ 'f:data': { '.': {}, 'f:a': {} } });
    const body = { ...testCm({ a: 'b' }, { x: 'y' }) } as KObject;
    const updated = fm.update(created, body, 'kubectl-edit');
    expect(entries(updated).map((e) => e.manager)).to.deep.equal(['kubectl-create', 'kubectl-edit']);
    expect(entryOf(updated, 'kubectl-edit', 'Update')!.fieldsV1).to.deep.equal({ 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } } });
  });

  it('a body with managedFields [{}] clears them', () => {
    const fm = managerOf('ConfigMap');
    const created = fm.update(undefined, testCm({ a: 'b' }), 'kubectl-create');
    const body = structuredClone(created);
    body.metadata!.managedFields = [{}];
    expect(fm.update(created, body, 'kubectl-patch').metadata?.managedFields).to.equal(undefined);
  });

  it('refuses managedFields and another version in an apply configuration', () => {
    const fm = managerOf('ConfigMap');
    const withMF = { ...testCm({}), metadata: { name: 'test-cm', managedFields: [] } };
    expect(conflictOf(() => fm.apply(undefined, withMF, 'a', false)).message).to.equal('metadata.managedFields must be nil');
    expect(conflictOf(() => fm.apply(undefined, { ...testCm({}), apiVersion: 'v2' }, 'a', false)).message).to.equal(
      'Incorrect version specified in apply patch. Specified patch version: v2, expected: v1',
    );
  });

  it('kubectl moves from client-side to server-side apply without conflicts on fields still as last applied', () => {
    const fm = managerOf('ConfigMap');
    const lastApplied = JSON.stringify(testCm({ key: 'v1', other: 'o' })) + '\n';
    const csa = testCm({ key: 'v1', other: 'o' }) as KObject;
    csa.metadata!.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied };
    const created = fm.update(undefined, csa, 'kubectl-client-side-apply');
    // Someone else changed `other` since: that one still conflicts.
    const edited = fm.update(created, { ...structuredClone(created), data: { key: 'v1', other: 'edited' } }, 'kubectl-edit');
    const err = conflictOf(() => fm.apply(edited, testCm({ key: 'v2', other: 'mine' }), 'kubectl', false));
    expect(err.message).to.equal('Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.other');
    const moved = fm.apply(edited, testCm({ key: 'v2', other: 'edited' }), 'kubectl', false);
    expect(moved.data).to.deep.equal({ key: 'v2', other: 'edited' });
    expect(entryOf(moved, 'kubectl')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {}, 'f:other': {} } });
    // The annotation follows the server-side configuration, so client-side apply can come back.
    expect(JSON.parse(moved.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration']).data).to.deep.equal({ key: 'v2', other: 'edited' });
    // Another manager name gets no such allowance.
    expect(conflictOf(() => fm.apply(created, testCm({ key: 'v2' }), 'other', false)).code).to.equal(409);
  });

  it('a scale write that changes replicas gives spec.replicas to its manager, with subresource scale', () => {
    const fm = managerOf('Deployment');
    const d = fm.apply(undefined, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, paused: true } }, 'kubectl', false);
    const scaled = { ...structuredClone(d), spec: { replicas: 5, paused: true } };
    trackScaleUpdate(d, scaled, undefined, 'kubectl/v1.32.0');
    expect(entries(scaled).map((e) => [e.manager, e.operation, e.subresource, e.fieldsV1])).to.deep.equal([
      ['kubectl', 'Apply', undefined, { 'f:spec': { 'f:paused': {} } }],
      ['kubectl', 'Update', 'scale', { 'f:spec': { 'f:replicas': {} } }],
    ]);
    const err = conflictOf(() => fm.apply(scaled, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2 } }, 'kubectl', false));
    expect(err.message).to.equal('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
  });
});
