import { expect } from 'chai';
import {
  allResourcesEnabled,
  storage,
  StorageFactoryRestOptionsFactory,
  type KObject,
  type RequestContext,
  type StorageBackend,
  type Store,
  type VersionedStorage,
} from '@kapi/apiserver-core';
import { autoscalingRESTStorageProvider } from '../rest/storage-autoscaling';
import { horizontalPodAutoscalerFromV1, horizontalPodAutoscalerToV1 } from './conversion-v1';
import { formatTargets } from './table';
import { invalidCauses as causes } from '@kapi/apiserver-core/registry/definition/testing';

const ctx: RequestContext = { namespace: 'default' };
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const v2 = (spec: Record<string, unknown>, status?: Record<string, unknown>): KObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: ref, maxReplicas: 5, ...spec },
  ...(status ? { status } : {}),
});
const cpu = (averageUtilization: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } });

describe('autoscaling HorizontalPodAutoscaler', () => {
  describe('v1 ↔ v2 conversion', () => {
    const rich = v2(
      {
        minReplicas: 2,
        metrics: [
          cpu(70),
          { type: 'External', external: { metric: { name: 'queue', selector: { matchLabels: { q: 'a' } } }, target: { type: 'AverageValue', averageValue: '30' } } },
          { type: 'Object', object: { describedObject: { kind: 'Service', name: 's', apiVersion: 'v1' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10k' } } },
        ],
        behavior: { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } },
      },
      {
        currentReplicas: 2,
        desiredReplicas: 3,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 55, averageValue: '120m' } } }],
        conditions: [{ type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: 'ok', lastTransitionTime: '2026-12-03T10:00:00Z' }],
      },
    );

    it("writes v2-only fields into kube's annotations, in v1's metric form", () => {
      const one = horizontalPodAutoscalerToV1(rich);
      expect(one.spec).to.deep.equal({ scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 });
      expect(one.status).to.deep.equal({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 55 });
      const a = one.metadata!.annotations!;
      expect(a['autoscaling.alpha.kubernetes.io/metrics']).to.equal(
        '[{"type":"External","external":{"metricName":"queue","metricSelector":{"matchLabels":{"q":"a"}},"targetAverageValue":"30"}},' +
          '{"type":"Object","object":{"target":{"kind":"Service","name":"s","apiVersion":"v1"},"metricName":"rps","targetValue":"10k"}}]',
      );
      expect(a['autoscaling.alpha.kubernetes.io/behavior']).to.equal(
        '{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15}]},"ScaleDown":null}',
      );
      expect(a['autoscaling.alpha.kubernetes.io/current-metrics']).to.equal(
        '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":55,"currentAverageValue":"120m"}}]',
      );
      expect(JSON.parse(a['autoscaling.alpha.kubernetes.io/conditions'])).to.deep.equal((rich.status as { conditions: unknown }).conditions);
    });

    it('reads them back: v2 → v1 → v2 keeps every field (the annotation metrics ahead of the CPU one, as kube orders them)', () => {
      const back = horizontalPodAutoscalerFromV1(horizontalPodAutoscalerToV1(rich));
      const spec = rich.spec as { metrics: unknown[] };
      expect(back.spec).to.deep.equal({ ...spec, metrics: [spec.metrics[1], spec.metrics[2], spec.metrics[0]] });
      expect(back.status).to.deep.equal(rich.status);
      expect(back.metadata?.annotations).to.equal(undefined);
    });

    it("a v1 object without a CPU target gets kube's 80%; unparsable annotations are ignored and dropped", () => {
      const one: KObject = {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', annotations: { 'autoscaling.alpha.kubernetes.io/metrics': '{nope', keep: 'me' } },
        spec: { scaleTargetRef: ref, maxReplicas: 3 },
      };
      const two = horizontalPodAutoscalerFromV1(one);
      expect((two.spec as { metrics: unknown }).metrics).to.deep.equal([cpu(80)]);
      expect(two.metadata?.annotations).to.deep.equal({ keep: 'me' });
    });
  });

  describe('storage', () => {
    let backend: StorageBackend;
    let hpaV2: Store;
    let hpaV1: VersionedStorage;
    beforeEach(async () => {
      const config: storage.Config = { type: 'memory', prefix: '/registry' };
      backend = await storage.newMemoryBackend(config);
      const info = await autoscalingRESTStorageProvider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
      expect(Object.keys(info.versionedResourcesStorageMap)).to.deep.equal(['v2', 'v1']);
      hpaV2 = info.versionedResourcesStorageMap.v2.horizontalpodautoscalers as Store;
      hpaV1 = info.versionedResourcesStorageMap.v1.horizontalpodautoscalers as unknown as VersionedStorage;
    });
    afterEach(() => backend.destroy());

    it('defaults minReplicas, metrics and both behavior rule sets in v2; empty status', async () => {
      const out = await hpaV2.create(ctx, v2({ behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } }), undefined, {});
      const spec = out.spec as Record<string, unknown>;
      expect(spec.minReplicas).to.equal(1);
      expect(spec.metrics).to.deep.equal([cpu(80)]);
      expect(spec.behavior).to.deep.equal({
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
      });
      expect(out.status).to.deep.equal({ currentMetrics: null, desiredReplicas: 0 });
    });

    it('an object created in v1 is the object read in v2', async () => {
      const created = await hpaV1.create(
        ctx,
        {
          apiVersion: 'autoscaling/v1',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'web' },
          spec: { scaleTargetRef: ref, maxReplicas: 4, targetCPUUtilizationPercentage: 50 },
        },
        undefined,
        {},
      );
      expect(created.apiVersion).to.equal('autoscaling/v1');
      const two = await hpaV2.get(ctx, 'web', {});
      expect((two.spec as { metrics: unknown }).metrics).to.deep.equal([cpu(50)]);
      expect(two.metadata?.uid).to.equal(created.metadata?.uid);
    });

    it("validates replicas, the target reference, metrics and behavior with kube's messages", async () => {
      expect(
        await causes(
          hpaV2.create(
            ctx,
            v2({
              minReplicas: 3,
              maxReplicas: 2,
              scaleTargetRef: { kind: '', name: '..' },
              metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0, averageValue: '1' } } }],
              behavior: { scaleDown: { stabilizationWindowSeconds: 3601, policies: [] } },
            }),
            undefined,
            {},
          ),
        ),
      ).to.deep.equal([
        'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
        'spec.scaleTargetRef.kind: Required value',
        'spec.scaleTargetRef.name: Invalid value: "..": may not be \'..\'',
        'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
        'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
        'spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600',
        'spec.behavior.scaleDown.policies: Required value: must specify at least one Policy',
      ]);
    });

    it('prints REFERENCE TARGETS MINPODS MAXPODS REPLICAS with AGE, as kubectl does', async () => {
      const out = await hpaV2.create(ctx, v2({ minReplicas: 2, metrics: [cpu(60)] }), undefined, {});
      const table = await hpaV2.convertToTable(ctx, out, {});
      expect(table.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
      expect(table.rows[0].cells.slice(0, 6)).to.deep.equal(['web', 'Deployment/web', 'cpu: <unknown>/60%', '2', 5, 0]);
      const v1Table = await hpaV1.convertToTable(ctx, await hpaV1.get(ctx, 'web', {}), {});
      expect(v1Table.rows[0].cells.slice(0, 6)).to.deep.equal(table.rows[0].cells.slice(0, 6));
    });
  });

  it('--runtime-config autoscaling/v1=false leaves v2 served alone, on the same storage', async () => {
    const config: storage.Config = { type: 'memory', prefix: '/registry' };
    const backend = await storage.newMemoryBackend(config);
    try {
      const withoutV1 = { versionEnabled: (gv: { version: string }) => gv.version !== 'v1', resourceEnabled: () => true };
      const info = await autoscalingRESTStorageProvider.newRESTStorage(withoutV1, new StorageFactoryRestOptionsFactory({ config, backend }));
      expect(Object.keys(info.versionedResourcesStorageMap.v2)).to.deep.equal(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
      expect(info.versionedResourcesStorageMap.v1 ?? {}).to.deep.equal({});
    } finally {
      await backend.destroy();
    }
  });

  it('formatTargets shows two metrics and counts the rest', () => {
    const pods = (n: string) => ({ type: 'Pods', pods: { metric: { name: n }, target: { type: 'AverageValue', averageValue: '1' } } });
    const hpa = v2({ metrics: [cpu(50), pods('a'), pods('b')] }, { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }] });
    expect(formatTargets(hpa)).to.equal('cpu: 12%/50%, <unknown>/1 + 1 more...');
  });
});
