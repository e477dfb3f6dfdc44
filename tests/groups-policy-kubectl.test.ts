import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { call, kubectl, kubectlOk, startRestServer, type TestServer } from './rest-helpers';
import { startKapi, type KapiProcess } from './support/kapi-process';

const manifest = readFileSync(join(__dirname, 'fixtures/every-kind/policy.yaml'), 'utf8');
const pdbs = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';
const pods = '/api/v1/namespaces/default/pods';

/** A running, ready pod: the only kind a budget guards. */
async function runningPod(server: TestServer, name: string, app: string, nodeName?: string): Promise<void> {
  const spec = { ...(nodeName ? { nodeName } : {}), containers: [{ name: app, image: `registry.k8s.io/${app}:1.0` }] };
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec };
  await kubectlOk(server.url, ['create', '-f', '-'], { input: JSON.stringify(pod) });
  const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-12-03T10:00:00Z' }] };
  await kubectlOk(server.url, ['patch', 'pod', name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
}

/** What the disruption controller would write; kapi runs none. */
async function setBudgetStatus(server: TestServer, name: string, status: Record<string, unknown>): Promise<void> {
  const pdb = JSON.parse(await kubectlOk(server.url, ['get', 'pdb', name, '-o', 'json']));
  await kubectlOk(server.url, [
    'patch',
    'pdb',
    name,
    '--subresource=status',
    '--type=merge',
    '-p',
    JSON.stringify({ status: { observedGeneration: pdb.metadata.generation, ...status } }),
  ]);
}

const evict = (server: TestServer, pod: string) =>
  call(server.url, 'POST', `${pods}/${pod}/eviction`, { body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: 'default' } } });

describe('policy/v1 through kubectl: poddisruptionbudgets and PDB-aware eviction', function () {
  this.timeout(90_000);
  let server: TestServer;
  before(async () => {
    server = await startRestServer();
  });
  after(() => server.stop());

  it('applies, prints, diffs empty and server-side applies a PodDisruptionBudget', async () => {
    await kubectlOk(server.url, ['apply', '-f', '-'], { input: manifest });
    const row = (await kubectlOk(server.url, ['get', 'pdb', 'web', '--no-headers'])).trim().split(/\s+/);
    expect(row.slice(0, 4)).to.deep.equal(['web', '2', 'N/A', '0']);
    const header = (await kubectlOk(server.url, ['get', 'pdb']))
      .split('\n')[0]
      .trim()
      .split(/\s{2,}/);
    expect(header).to.deep.equal(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);
    const diff = await kubectl(server.url, ['diff', '-f', '-'], { input: manifest });
    expect(diff.code, diff.stdout + diff.stderr).to.equal(0);
    await kubectlOk(server.url, ['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: manifest });
    const pdb = JSON.parse(await kubectlOk(server.url, ['get', 'poddisruptionbudgets.v1.policy', 'web', '-o', 'json']));
    expect(pdb.metadata.generation).to.equal(1);
    expect(pdb.status).to.deep.equal({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  });

  it('kubectl create poddisruptionbudget works; minAvailable and maxUnavailable together are refused with 422', async () => {
    await kubectlOk(server.url, ['create', 'poddisruptionbudget', 'x', '--selector=app=x', '--min-available=1']);
    expect((await kubectlOk(server.url, ['get', 'pdb', 'x', '--no-headers'])).trim().split(/\s+/).slice(0, 3)).to.deep.equal(['x', '1', 'N/A']);
    const bad = await call(server.url, 'POST', pdbs, {
      body: {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'both' },
        spec: { minAvailable: 1, maxUnavailable: '120%', unhealthyPodEvictionPolicy: 'Never' },
      },
    });
    expect(bad.status).to.equal(422);
    const causes = (bad.body as { details: { causes: { field: string; message: string }[] } }).details.causes;
    expect(causes.map((c) => c.field)).to.deep.equal(['spec', 'spec.maxUnavailable', 'spec.unhealthyPodEvictionPolicy']);
    expect(causes[1].message).to.equal('Invalid value: "120%": must not be greater than 100%');
    expect(causes[2].message).to.equal('Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"');
    expect((await call(server.url, 'GET', `${pdbs}/both`)).status).to.equal(404);
    await kubectlOk(server.url, ['delete', 'pdb', 'x']);
  });

  it('eviction answers 429 with the DisruptionBudget cause while the budget allows no disruption; the pod stays', async () => {
    await runningPod(server, 'web-1', 'web');
    await setBudgetStatus(server, 'web', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2, expectedPods: 1 });
    const res = await evict(server, 'web-1');
    expect(res.status).to.equal(429);
    expect(res.body).to.deep.include({ reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget.", code: 429 });
    expect((res.body as { details: unknown }).details).to.deep.equal({
      causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 1 currently' }],
    });
    expect((await call(server.url, 'GET', `${pods}/web-1`)).status).to.equal(200);
  });

  it('a budget whose status lags its generation answers 429 with Retry-After 10', async () => {
    await kubectlOk(server.url, ['patch', 'pdb', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":1}}']);
    const res = await evict(server, 'web-1');
    expect(res.status).to.equal(429);
    expect(res.headers.get('retry-after')).to.equal('10');
    expect((res.body as { details: { causes: unknown[] } }).details.causes).to.deep.equal([
      { reason: 'DisruptionBudget', message: 'The disruption budget web is still being processed by the server.' },
    ]);
  });

  it('an allowed eviction takes one disruption, records the pod and deletes it', async () => {
    await setBudgetStatus(server, 'web', { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 });
    const res = await evict(server, 'web-1');
    expect(res.status, res.text).to.equal(201);
    expect((await call(server.url, 'GET', `${pods}/web-1`)).status).to.equal(404);
    const pdb = JSON.parse(await kubectlOk(server.url, ['get', 'pdb', 'web', '-o', 'json']));
    expect(pdb.status.disruptionsAllowed).to.equal(0);
    expect(Object.keys(pdb.status.disruptedPods)).to.deep.equal(['web-1']);
    expect(pdb.status.conditions.map((c: { type: string; status: string; reason: string }) => [c.type, c.status, c.reason])).to.deep.equal([
      ['DisruptionAllowed', 'False', 'InsufficientPods'],
    ]);
  });

  it('kubectl drain evicts through the same budget: refused while no disruption is allowed', async () => {
    await kubectlOk(server.url, ['create', '-f', '-'], { input: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: node-a\n' });
    await runningPod(server, 'web-2', 'web', 'node-a');
    // --force: a bare pod has no controller to recreate it, which drain refuses otherwise.
    const drain = await kubectl(server.url, ['drain', 'node-a', '--force', '--timeout=3s']);
    expect(drain.code).to.not.equal(0);
    expect(drain.stderr).to.include("Cannot evict pod as it would violate the pod's disruption budget.");
    expect((await call(server.url, 'GET', `${pods}/web-2`)).status).to.equal(200);
    await setBudgetStatus(server, 'web', { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 });
    const ok = await kubectl(server.url, ['drain', 'node-a', '--force', '--grace-period=0', '--timeout=20s']);
    expect(ok.stdout + ok.stderr).to.include('pod/web-2 evicted');
    expect(ok.code, ok.stderr).to.equal(0);
  });

  it("two budgets over one pod answer 500 with kube's message", async () => {
    await runningPod(server, 'web-3', 'web');
    await kubectlOk(server.url, ['create', 'pdb', 'web-too', '--selector=app=web', '--max-unavailable=1']);
    const res = await evict(server, 'web-3');
    expect(res.status).to.equal(500);
    expect((res.body as { message: string }).message).to.equal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  });

  it('an evicted pod is marked DisruptionTarget before it goes, as a watch sees it', async () => {
    await runningPod(server, 'lone', 'lone');
    const rv = JSON.parse(await kubectlOk(server.url, ['get', 'pod', 'lone', '-o', 'json'])).metadata.resourceVersion;
    const abort = new AbortController();
    const res = await fetch(`${server.url}${pods}?watch=true&fieldSelector=metadata.name%3Dlone&resourceVersion=${rv}`, { signal: abort.signal });
    const events: { type: string; object: { status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } } }[] = [];
    const reading = (async () => {
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += Buffer.from(chunk).toString();
        for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
          events.push(JSON.parse(buffer.slice(0, i)));
          buffer = buffer.slice(i + 1);
        }
        if (events.some((e) => e.type === 'DELETED')) return;
      }
    })();
    expect((await evict(server, 'lone')).status).to.equal(201);
    await Promise.race([reading, new Promise((r) => setTimeout(r, 10_000))]);
    abort.abort();
    // The condition, then the graceful-deletion update (deletionTimestamp, grace 0: the pod is unscheduled), then the
    // delete, as kube's store writes a pod's deletion (updateForGracefulDeletionAndFinalizers, then delete at once).
    expect(events.map((e) => e.type)).to.deep.equal(['MODIFIED', 'MODIFIED', 'DELETED']);
    expect((events[1].object as { metadata?: { deletionGracePeriodSeconds?: number } }).metadata?.deletionGracePeriodSeconds).to.equal(0);
    const condition = events[0].object.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    expect(condition).to.deep.include({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
  });

  it('deletes what it applied', async () => {
    await kubectlOk(server.url, ['delete', '-f', '-'], { input: manifest });
    await kubectlOk(server.url, ['delete', 'pdb', 'web-too']);
    expect((await kubectlOk(server.url, ['get', 'pdb', '-o', 'name'])).trim()).to.equal('');
  });
});

/** The budget is decremented under optimistic concurrency: concurrent evictions take exactly the disruptions allowed. */
describe('PDB-aware eviction on etcd3, through a kapi process', function () {
  this.timeout(120_000);
  let etcd: EtcdProcess;
  let kapi: KapiProcess;
  before(async () => {
    etcd = await startEtcd();
    kapi = await startKapi(['--storage-backend', 'etcd3', '--etcd-servers', etcd.endpoint]);
  });
  after(async () => {
    await kapi?.stop();
    await etcd?.stop();
  });

  it('of four concurrent evictions under a budget allowing two, two succeed and two get 429', async () => {
    const server = { url: kapi.url } as TestServer;
    await kubectlOk(kapi.url, ['create', 'pdb', 'race', '--selector=app=race', '--max-unavailable=2']);
    const names = ['race-0', 'race-1', 'race-2', 'race-3'];
    for (const name of names) await runningPod(server, name, 'race');
    await setBudgetStatus(server, 'race', { disruptionsAllowed: 2, currentHealthy: 4, desiredHealthy: 2, expectedPods: 4 });
    const codes = (await Promise.all(names.map((n) => evict(server, n)))).map((r) => r.status);
    expect([...codes].sort()).to.deep.equal([201, 201, 429, 429]);
    const pdb = JSON.parse(await kubectlOk(kapi.url, ['get', 'pdb', 'race', '-o', 'json']));
    expect(pdb.status.disruptionsAllowed).to.equal(0);
    const evicted = names.filter((_, i) => codes[i] === 201);
    expect(Object.keys(pdb.status.disruptedPods).sort()).to.deep.equal(evicted);
    const left = (await kubectlOk(kapi.url, ['get', 'pods', '-l', 'app=race', '-o', 'name'])).trim().split('\n');
    expect(left).to.deep.equal(names.filter((_, i) => codes[i] === 429).map((n) => `pod/${n}`));
  });
});
