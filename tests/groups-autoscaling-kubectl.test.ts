import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, kubectl, kubectlOk, startRestServer, type TestServer } from './rest-helpers';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/autoscaling.yaml'), 'utf8');
const v1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const v2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';

// The full resource name: kubectl expands a short name (hpa.v1.autoscaling) to the group's preferred version.
const HPA_V1 = 'horizontalpodautoscalers.v1.autoscaling';
const HPA_V2 = 'horizontalpodautoscalers.v2.autoscaling';
const getJSON = async (server: TestServer, resource: string) => JSON.parse(await kubectlOk(server.url, ['get', resource, '-o', 'json']));

describe('autoscaling/v1 and v2 through kubectl: one HorizontalPodAutoscaler seen two ways', function () {
  this.timeout(90_000);
  let server: TestServer;
  before(async () => {
    server = await startRestServer();
  });
  after(() => server.stop());

  it('discovery prefers v2, then v1, with hpa and the all category', async () => {
    const resources = await kubectlOk(server.url, ['api-resources', '--api-group=autoscaling', '--no-headers']);
    expect(resources.trim().split(/\s+/)).to.deep.equal(['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', 'true', 'HorizontalPodAutoscaler']);
    const group = (await call(server.url, 'GET', '/apis/autoscaling')).body as { preferredVersion: { version: string }; versions: { version: string }[] };
    expect(group.versions.map((v) => v.version)).to.deep.equal(['v2', 'v1']);
    expect(group.preferredVersion.version).to.equal('v2');
  });

  it("applies, prints kube's columns, diffs empty and server-side applies", async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    const lines = (await kubectlOk(server.url, ['get', 'hpa'])).trim().split('\n');
    expect(lines[0].trim().split(/\s{2,}/)).to.deep.equal(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    expect(lines[1].split(/\s{2,}/).slice(0, 6)).to.deep.equal(['web', 'Deployment/web', 'cpu: <unknown>/70%, <unknown>/1k', '2', '10', '0']);
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    await kubectlOk(server.url, ['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: manifest });
    expect(await kubectlOk(server.url, ['get', 'all', '-o', 'name'])).to.include('horizontalpodautoscaler.autoscaling/web');
  });

  it('defaults behavior as kube does and shows v2-only fields in v1 as annotations', async () => {
    const two = await getJSON(server, `${HPA_V2}/web`);
    expect(two.spec.behavior).to.deep.equal({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
    });
    expect(two.status).to.deep.equal({ currentMetrics: null, desiredReplicas: 0 });
    const one = await getJSON(server, `${HPA_V1}/web`);
    expect(one.apiVersion).to.equal('autoscaling/v1');
    expect(one.spec).to.deep.equal({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 70,
    });
    expect(one.status).to.deep.equal({ currentReplicas: 0, desiredReplicas: 0 });
    const a = one.metadata.annotations;
    expect(JSON.parse(a['autoscaling.alpha.kubernetes.io/metrics'])).to.deep.equal([{ type: 'Pods', pods: { metricName: 'packets-per-second', targetAverageValue: '1k' } }]);
    expect(JSON.parse(a['autoscaling.alpha.kubernetes.io/behavior']).ScaleDown).to.deep.equal({
      StabilizationWindowSeconds: 300,
      SelectPolicy: 'Max',
      Policies: [{ Type: 'Percent', Value: 10, PeriodSeconds: 60 }],
    });
    expect(one.metadata.resourceVersion).to.equal(two.metadata.resourceVersion);
    expect(one.metadata.uid).to.equal(two.metadata.uid);
  });

  it('a round trip through v1 loses nothing: a v1 PUT of what v1 read leaves the v2 object as it was', async () => {
    const before = await getJSON(server, `${HPA_V2}/web`);
    const one = (await call(server.url, 'GET', `${v1}/web`)).body as { spec: { maxReplicas: number } };
    one.spec.maxReplicas = 12;
    const put = await call(server.url, 'PUT', `${v1}/web`, { body: one });
    expect(put.status, put.text).to.equal(200);
    const after = await getJSON(server, `${HPA_V2}/web`);
    // As in kube's conversion, the metrics v1 kept in the annotation come back before the CPU target.
    expect(after.spec).to.deep.equal({ ...before.spec, maxReplicas: 12, metrics: [before.spec.metrics[1], before.spec.metrics[0]] });
    expect(after.metadata.annotations ?? {}).to.not.have.any.keys('autoscaling.alpha.kubernetes.io/metrics', 'autoscaling.alpha.kubernetes.io/behavior');
  });

  it('status written in v2 reads in v1 (current CPU, other metrics and conditions as annotations)', async () => {
    const status = {
      currentReplicas: 3,
      desiredReplicas: 4,
      // In the order of spec.metrics (after the v1 round trip: the Pods metric, then CPU), as the controller writes them.
      currentMetrics: [
        { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, current: { averageValue: '900' } } },
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40, averageValue: '200m' } } },
      ],
      conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'ok', lastTransitionTime: '2026-12-03T10:00:00Z' }],
    };
    await kubectlOk(server.url, ['patch', HPA_V2, 'web', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
    const one = await getJSON(server, `${HPA_V1}/web`);
    expect(one.status).to.deep.equal({ currentReplicas: 3, desiredReplicas: 4, currentCPUUtilizationPercentage: 40 });
    expect(JSON.parse(one.metadata.annotations['autoscaling.alpha.kubernetes.io/conditions'])).to.deep.equal(status.conditions);
    expect(JSON.parse(one.metadata.annotations['autoscaling.alpha.kubernetes.io/current-metrics'])[0]).to.deep.equal({
      type: 'Pods',
      pods: { metricName: 'packets-per-second', currentAverageValue: '900' },
    });
    const row = (await kubectlOk(server.url, ['get', 'hpa', 'web', '--no-headers'])).split(/\s{2,}/);
    expect(row.slice(0, 6)).to.deep.equal(['web', 'Deployment/web', '900/1k, cpu: 40%/70%', '2', '12', '3']);
  });

  it('kubectl autoscale creates an HPA readable in both versions', async () => {
    await kubectlOk(server.url, ['create', 'deployment', 'x', '--image=registry.k8s.io/x:1.0']);
    await kubectlOk(server.url, ['autoscale', 'deployment', 'x', '--max=5']);
    const one = await getJSON(server, `${HPA_V1}/x`);
    // The CPU target v1 leaves out is defaulted in the stored form, and v1 then shows it (as on kube).
    expect(one.spec).to.deep.equal({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' },
      minReplicas: 1,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 80,
    });
    const two = await getJSON(server, `${HPA_V2}/x`);
    expect(two.spec.metrics).to.deep.equal([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(two.metadata.uid).to.equal(one.metadata.uid);
  });

  it("refuses bad specs in either version with kube's 422 causes, storing nothing", async () => {
    const bad1 = await call(server.url, 'POST', v1, {
      body: {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'bad' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'a/b' }, minReplicas: 0, maxReplicas: 0 },
      },
    });
    expect(bad1.status).to.equal(422);
    expect((bad1.body as { message: string }).message).to.equal(
      'HorizontalPodAutoscaler.autoscaling "bad" is invalid: [spec.minReplicas: Invalid value: 0: must be greater than or equal to 1, spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.scaleTargetRef.name: Invalid value: "a/b": may not contain \'/\', spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas]',
    );
    const bad2 = await call(server.url, 'POST', v2, {
      body: {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'bad' },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'a' },
          maxReplicas: 3,
          metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
          behavior: { scaleUp: { selectPolicy: 'Sometimes', policies: [{ type: 'Pods', value: 0, periodSeconds: 1801 }] } },
        },
      },
    });
    expect(bad2.status).to.equal(422);
    const causes = (bad2.body as { details: { causes: { field: string; message: string }[] } }).details.causes.map((c) => `${c.field}: ${c.message}`);
    expect(causes).to.deep.equal([
      'spec.metrics[0].pods: Required value: must populate information for the given metric source',
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Sometimes": supported values: "Disabled", "Max", "Min"',
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
    ]);
    expect((await call(server.url, 'GET', `${v2}/bad`)).status).to.equal(404);
  });

  it('deletes through either version', async () => {
    await kubectlOk(server.url, ['delete', HPA_V1, 'x']);
    await kubectlOk(server.url, ['delete', '-f', '-'], { input: manifest });
    expect((await kubectlOk(server.url, ['get', 'hpa', '-o', 'name'])).trim()).to.equal('');
  });
});
