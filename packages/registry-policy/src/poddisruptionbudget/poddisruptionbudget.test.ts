import { expect } from 'chai';
import {
  allResourcesEnabled,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type StatusREST,
  type StorageBackend,
  type Store,
} from '@kapi/apiserver-core';
import { PolicyRESTStorageProvider } from '../rest/storage-policy';
import { StorePodDisruptionBudgetClient } from './disruption-budget-client';
import { invalidCauses as causes, modify } from '@kapi/apiserver-core/registry/definition/testing';

const ctx: RequestContext = { namespace: 'default' };
const pdb = (name: string, spec: Record<string, unknown>): KObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec });

describe('policy/v1 PodDisruptionBudget', () => {
  let backend: StorageBackend;
  let budgets: Store;
  let status: StatusREST;
  let client: StorePodDisruptionBudgetClient;
  beforeEach(async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    backend = await storage.newMemoryBackend(config);
    client = new StorePodDisruptionBudgetClient();
    const info = await new PolicyRESTStorageProvider(client).newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
    budgets = info.versionedResourcesStorageMap.v1.poddisruptionbudgets as Store;
    status = info.versionedResourcesStorageMap.v1['poddisruptionbudgets/status'] as StatusREST;
  });
  afterEach(() => backend.destroy());

  it('starts at generation 1 with every status count at 0, whatever status the client sent', async () => {
    const out = await budgets.create(ctx, { ...pdb('a', { minAvailable: 1 }), status: { disruptionsAllowed: 5 } }, undefined, {});
    expect(out.metadata?.generation).to.equal(1);
    expect(out.status).to.deep.equal({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  });

  it("validates the spec with kube's messages", async () => {
    expect(
      await causes(
        budgets.create(
          ctx,
          pdb('a', {
            minAvailable: '50%',
            maxUnavailable: -1,
            selector: { matchExpressions: [{ key: 'app', operator: 'In' }] },
            unhealthyPodEvictionPolicy: 'Sometimes',
          }),
          undefined,
          {},
        ),
      ),
    ).to.deep.equal([
      'spec: Invalid value: {"minAvailable":"50%","maxUnavailable":-1,"selector":{"matchExpressions":[{"key":"app","operator":"In"}]},"unhealthyPodEvictionPolicy":"Sometimes"}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
  });

  it('a spec change moves the generation; /status keeps the spec and refuses negative counts', async () => {
    const created = await budgets.create(ctx, pdb('a', { minAvailable: 1 }), undefined, {});
    const { obj } = await budgets.update(
      ctx,
      'a',
      modify((o) => ((o.spec as { minAvailable: number }).minAvailable = 2)),
      undefined,
      undefined,
      false,
      {},
    );
    expect(obj.metadata?.generation).to.equal(2);
    expect(obj.metadata?.resourceVersion).to.not.equal(created.metadata?.resourceVersion);
    const written = await status.update(
      ctx,
      'a',
      modify((o) => {
        o.status = { observedGeneration: 2, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 };
        (o.spec as { minAvailable: number }).minAvailable = 9;
      }),
      undefined,
      undefined,
      false,
      {},
    );
    expect((written.obj.spec as { minAvailable: number }).minAvailable).to.equal(2);
    expect(written.obj.metadata?.generation).to.equal(2);
    expect(
      await causes(
        status.update(
          ctx,
          'a',
          modify((o) => (o.status = { disruptionsAllowed: -1, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 })),
          undefined,
          undefined,
          false,
          {},
        ),
      ),
    ).to.deep.equal(['status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('prints NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', async () => {
    const out = await budgets.create(ctx, pdb('a', { maxUnavailable: '25%' }), undefined, {});
    const table = await budgets.convertToTable(ctx, out, {});
    expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
    expect(table.rows[0].cells.slice(0, 4)).to.deep.equal(['a', 'N/A', '25%', 0]);
  });

  it('the eviction client finds the budgets selecting a pod in its namespace only', async () => {
    await budgets.create(ctx, pdb('web', { minAvailable: 1, selector: { matchLabels: { app: 'web' } } }), undefined, {});
    await budgets.create(ctx, pdb('all', { minAvailable: 1, selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }), undefined, {});
    await budgets.create({ namespace: 'other' }, pdb('elsewhere', { minAvailable: 1, selector: { matchLabels: { app: 'web' } } }), undefined, {});
    const pod = (labels: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels } });
    const names = async (labels: Record<string, string>) => (await client.listMatching(ctx, pod(labels))).map((b) => b.metadata?.name).sort();
    expect(await names({ app: 'web' })).to.deep.equal(['web']);
    expect(await names({ app: 'web', tier: 'front' })).to.deep.equal(['all', 'web']);
    expect(await names({ app: 'db' })).to.deep.equal([]);
  });
});
