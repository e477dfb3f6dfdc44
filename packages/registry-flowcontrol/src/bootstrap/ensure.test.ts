import { expect } from 'chai';
import { FieldSelector, LabelSelector, type KObject, type RequestContext, type Store } from '@kapi/apiserver-core';
import { modify, newTestGroup, type TestGroup } from '@kapi/apiserver-core/registry/definition/testing';
import { newFlowcontrolRESTStorageProvider } from '../rest/storage-flowcontrol';
import { autoUpdateAnnotation } from './annotations';
import { ensureFlowControlConfiguration } from './ensure';

const ctx: RequestContext = {};
const all = { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() };
const names = async (store: Store) => (await store.list(ctx, all)).items.map((o) => o.metadata?.name).sort();

describe('flowcontrol bootstrap configuration (priority-and-fairness-config-producer)', () => {
  let group: TestGroup;
  let schemas: Store;
  let levels: Store;
  beforeEach(async () => {
    group = await newTestGroup(newFlowcontrolRESTStorageProvider());
    schemas = group.storage.v1.flowschemas as Store;
    levels = group.storage.v1.prioritylevelconfigurations as Store;
  });
  afterEach(() => group.destroy());

  it("creates kube-apiserver 1.32's mandatory and suggested objects with the autoupdate annotation, and is idempotent", async () => {
    await ensureFlowControlConfiguration(schemas, levels);
    expect(await names(levels)).to.deep.equal(['catch-all', 'exempt', 'global-default', 'leader-election', 'node-high', 'system', 'workload-high', 'workload-low']);
    expect(await names(schemas)).to.deep.equal([
      'catch-all',
      'endpoint-controller',
      'exempt',
      'global-default',
      'kube-controller-manager',
      'kube-scheduler',
      'kube-system-service-accounts',
      'probes',
      'service-accounts',
      'system-leader-election',
      'system-node-high',
      'system-nodes',
      'workload-leader-election',
    ]);
    const exempt = await schemas.get(ctx, 'exempt', {});
    expect(exempt.metadata?.annotations).to.deep.equal({ [autoUpdateAnnotation]: 'true' });
    const before = (await levels.get(ctx, 'workload-low', {})).metadata?.resourceVersion;
    await ensureFlowControlConfiguration(schemas, levels);
    expect((await levels.get(ctx, 'workload-low', {})).metadata?.resourceVersion).to.equal(before);
  });

  it('restores a changed suggested spec while auto-updated, keeps it once the annotation is "false", recreates a deleted mandatory one', async () => {
    await ensureFlowControlConfiguration(schemas, levels);
    const setShares = (shares: number, annotation?: string) =>
      modify((o: KObject) => {
        (o.spec as { limited: { nominalConcurrencyShares: number } }).limited.nominalConcurrencyShares = shares;
        if (annotation) o.metadata!.annotations = { [autoUpdateAnnotation]: annotation };
      });
    await levels.update(ctx, 'workload-low', setShares(7), undefined, undefined, false, {});
    await levels.update(ctx, 'global-default', setShares(9, 'false'), undefined, undefined, false, {});
    await schemas.delete(ctx, 'catch-all', undefined, {});
    await ensureFlowControlConfiguration(schemas, levels);
    const shares = async (name: string) => ((await levels.get(ctx, name, {})).spec as { limited: { nominalConcurrencyShares: number } }).limited.nominalConcurrencyShares;
    expect(await shares('workload-low')).to.equal(100);
    expect(await shares('global-default')).to.equal(9);
    expect((await schemas.get(ctx, 'catch-all', {})).spec).to.deep.include({ matchingPrecedence: 10000 });
  });

  it("deletes auto-updated objects the configuration no longer has, and leaves the operator's own alone", async () => {
    await ensureFlowControlConfiguration(schemas, levels);
    const extra = (name: string, annotations?: Record<string, string>): KObject => ({
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
      kind: 'PriorityLevelConfiguration',
      metadata: { name, annotations },
      spec: { type: 'Limited', limited: { limitResponse: { type: 'Reject' } } },
    });
    await levels.create(ctx, extra('retired', { [autoUpdateAnnotation]: 'true' }), undefined, {});
    await levels.create(ctx, extra('mine'), undefined, {});
    await ensureFlowControlConfiguration(schemas, levels);
    const left = await names(levels);
    expect(left).to.include('mine');
    expect(left).to.not.include('retired');
  });
});
