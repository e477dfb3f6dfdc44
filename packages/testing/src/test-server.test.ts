import path from 'node:path';
import { expect } from 'chai';
import { Agent, fetch, type RequestInit } from 'undici';
import { startTestServer, type TestServer } from './test-server';
import type { J } from '@kapi/apiserver-core';

const crdDir = path.join(__dirname, 'testdata', 'crds');

/** A request as the admin (the kubeconfig's certificate) over HTTPS; the body is whatever the server answered. */
async function call(kit: TestServer, p: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const res = await fetch(kit.url + p, {
    ...rest,
    ...(json !== undefined ? { method: rest.method ?? 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) } : {}),
    dispatcher: new Agent({ connect: kit.server.tls }),
  });
  const text = await res.text();
  let body: J = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.status, headers: res.headers, body, text };
}

const configMap = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('@kapi/testing TestServer', function () {
  let kit: TestServer;

  before(async () => {
    kit = await startTestServer({ crdDirectories: [crdDir] });
  });
  after(() => kit?.close());
  afterEach(() => kit.reset());

  it("starts secure, with the folder's CRDs established, and hands out the admin's and chosen users' credentials", async () => {
    expect(kit.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    const anonymous = await fetch(`${kit.url}/api/v1/namespaces/default/configmaps`, { dispatcher: new Agent({ connect: { ca: kit.server.tls!.ca } }) });
    expect(anonymous.status).to.equal(403);
    const crd = await call(kit, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.kit.example.com');
    expect(crd.body.status.conditions.find((c: { type: string }) => c.type === 'Established').status).to.equal('True');
    const widget = await call(kit, '/apis/kit.example.com/v1/namespaces/default/widgets', {
      json: { apiVersion: 'kit.example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } },
    });
    expect(widget.status).to.equal(201);

    const jane = await kit.userKubeConfig('jane', ['developers']);
    const k8s = await import('@kubernetes/client-node');
    const core = jane.makeApiClient(k8s.CoreV1Api);
    const refused = await core.listNamespacedConfigMap({ namespace: 'default' }).then(
      () => 200,
      (e: { code?: number }) => e.code,
    );
    expect(refused).to.equal(403);
    await call(kit, '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
      json: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'devs-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'Group', name: 'developers', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    });
    await eventually(
      async () =>
        await core.listNamespacedConfigMap({ namespace: 'default' }).then(
          () => true,
          () => false,
        ),
    );
  });

  describe('clock', () => {
    it("expires a TTL'd key (an Event, --event-ttl 1h) only when the clock is moved past it", async () => {
      const ev = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e1' },
        involvedObject: { kind: 'ConfigMap', name: 'x', namespace: 'default' },
        reason: 'Test',
        message: 'm',
      };
      expect((await call(kit, '/api/v1/namespaces/default/events', { json: ev })).status).to.equal(201);
      await kit.clock.advance('59m');
      expect((await call(kit, '/api/v1/namespaces/default/events/e1')).status).to.equal(200);
      await kit.clock.advance('1m');
      await eventually(async () => (await call(kit, '/api/v1/namespaces/default/events/e1')).status === 404);
    });

    it("stamps graceful deletion and issues and checks service account tokens on the kit's clock", async () => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } };
      expect((await call(kit, '/api/v1/namespaces/default/pods', { json: pod })).status).to.equal(201);
      await kit.clock.advance('10m');
      const deleting = await call(kit, '/api/v1/namespaces/default/pods/p', { method: 'DELETE', json: { gracePeriodSeconds: 30 } });
      expect(Date.parse(deleting.body.metadata.deletionTimestamp)).to.equal(Math.floor(kit.clock.now() / 1000) * 1000 + 30_000);

      await call(kit, '/api/v1/namespaces/default/serviceaccounts', { json: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot' } } });
      const tr = await call(kit, '/api/v1/namespaces/default/serviceaccounts/bot/token', {
        json: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
      });
      expect(tr.status).to.equal(201);
      expect(Date.parse(tr.body.status.expirationTimestamp)).to.equal(Math.floor(kit.clock.now() / 1000) * 1000 + 600_000);
      const asBot = () =>
        fetch(`${kit.url}/api/v1/namespaces/default/configmaps`, {
          headers: { Authorization: `Bearer ${tr.body.status.token}` },
          dispatcher: new Agent({ connect: { ca: kit.server.tls!.ca } }),
        });
      expect((await asBot()).status).to.equal(403); // authenticated, not authorized
      await kit.clock.advance('11m');
      expect((await asBot()).status).to.equal(401);
    });
  });

  describe('faults', () => {
    it('answers chosen verbs of a resource with 429 and Retry-After, or 500, and stores nothing', async () => {
      const throttled = kit.faults.respond({ verbs: ['create'], resource: 'configmaps' }, { code: 429, retryAfterSeconds: 3, times: 1 });
      const first = await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('a') });
      expect(first.status).to.equal(429);
      expect(first.headers.get('retry-after')).to.equal('3');
      expect(first.body).to.include({ kind: 'Status', reason: 'TooManyRequests', message: 'Too many requests, please try again later.' });
      expect((await call(kit, '/api/v1/namespaces/default/configmaps/a')).status).to.equal(404);
      expect((await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('a') })).status).to.equal(201);
      expect(throttled.hits).to.equal(1);

      kit.faults.respond({ verbs: ['get'], resource: 'configmaps', name: 'a' }, { code: 500 });
      const broken = await call(kit, '/api/v1/namespaces/default/configmaps/a');
      expect(broken.status).to.equal(500);
      expect(broken.body).to.include({ reason: 'InternalError', message: 'Internal error occurred: injected by @kapi/testing' });
      expect((await call(kit, '/api/v1/namespaces/default/secrets')).status).to.equal(200);
    });

    it('adds latency to matching requests', async () => {
      kit.faults.delay({ verbs: ['list'], resource: 'configmaps' }, '300ms');
      const t0 = performance.now();
      await call(kit, '/api/v1/namespaces/default/configmaps');
      expect(performance.now() - t0).to.be.at.least(300);
    });

    it('gives the next watch a 410 Expired ERROR event and cuts open watch streams', async () => {
      kit.faults.expireNextWatch({ resource: 'configmaps' });
      const expired = await call(kit, '/api/v1/namespaces/default/configmaps?watch=true');
      expect(expired.status).to.equal(200);
      const ev = JSON.parse(expired.text.trim());
      expect(ev).to.deep.include({ type: 'ERROR' });
      expect(ev.object).to.include({ kind: 'Status', code: 410, reason: 'Expired' });

      const res = await fetch(`${kit.url}/api/v1/namespaces/default/configmaps?watch=true`, { dispatcher: new Agent({ connect: kit.server.tls }) });
      expect(res.status).to.equal(200);
      await eventually(async () => kit.faults.openWatches.size > 0);
      const reading = res.text().then(
        () => 'ended',
        () => 'dropped',
      );
      expect(kit.faults.dropWatches({ resource: 'configmaps' })).to.equal(1);
      expect(await reading).to.equal('dropped');
    });

    it("makes storage unavailable: 500 ServerTimeout as kube's etcd3 store answers, readyz fails, and all is back afterwards", async () => {
      kit.faults.storageUnavailable();
      const write = await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('lost') });
      // kube's NewServerTimeout (what its store answers for an etcd it cannot reach): 500, reason ServerTimeout, a retry hint.
      expect(write.status, write.text).to.equal(500);
      expect(write.body).to.include({ reason: 'ServerTimeout', message: 'The create operation against configmaps could not be completed at this time, please try again.' });
      const readyz = await call(kit, '/readyz?verbose');
      expect(readyz.status).to.equal(500);
      expect(readyz.text).to.include('[-]memory failed');
      kit.faults.storageAvailable();
      expect((await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('kept') })).status).to.equal(201);
      expect((await call(kit, '/readyz')).status).to.equal(200);
    });
  });

  describe('snapshot and restore', () => {
    it('goes back to a snapshot in milliseconds: the objects as they were, resourceVersions still growing, old watches 410', async () => {
      await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('before', { v: '1' }) });
      const snap = kit.snapshot();
      const list1 = await call(kit, '/api/v1/namespaces/default/configmaps');
      await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('after') });
      await call(kit, '/api/v1/namespaces/default/configmaps/before', {
        method: 'PUT',
        json: {
          ...configMap('before', { v: '2' }),
          metadata: { name: 'before', resourceVersion: list1.body.items.find((i: J) => i.metadata.name === 'before').metadata.resourceVersion },
        },
      });
      const list2 = await call(kit, '/api/v1/namespaces/default/configmaps');

      const { revision, ms } = await kit.restore(snap);
      expect(ms).to.be.below(1000);
      const list3 = await call(kit, '/api/v1/namespaces/default/configmaps');
      // kube-root-ca.crt is the root CA publisher's, which puts it back whenever it is missing.
      const names = list3.body.items.filter((i: J) => i.metadata.name !== 'kube-root-ca.crt').map((i: J) => [i.metadata.name, i.data?.v]);
      expect(names).to.deep.equal([['before', '1']]);
      expect(Number(list3.body.metadata.resourceVersion)).to.be.at.least(revision).and.above(Number(list2.body.metadata.resourceVersion));
      const old = await call(kit, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list2.body.metadata.resourceVersion}`);
      const ev = JSON.parse(old.text.trim().split('\n')[0]);
      expect(old.status === 410 || ev.object?.code === 410, old.text).to.equal(true);
      const created = await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('later') });
      expect(Number(created.body.metadata.resourceVersion)).to.be.above(revision);
    });

    it('reset() returns to the state at start, with the CRDs still served', async () => {
      await call(kit, '/api/v1/namespaces/default/configmaps', { json: configMap('scratch') });
      await kit.reset();
      expect((await call(kit, '/api/v1/namespaces/default/configmaps/scratch')).status).to.equal(404);
      expect((await call(kit, '/apis/kit.example.com/v1/namespaces/default/widgets')).status).to.equal(200);
    });
  });
});

describe('@kapi/testing TestServer with leader election', function () {
  it("lets its controllers take a rival's Lease only once it has expired on the kit's clock", async () => {
    const kit = await startTestServer({ leaderElection: { leaderElect: true, resourceName: 'kit-controllers' } });
    try {
      const path = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kit-controllers';
      await eventually(async () => (await call(kit, path)).status === 200);
      const lease = (await call(kit, path)).body;
      expect(lease.spec.holderIdentity).to.not.equal('rival');
      // A rival takes the Lease over; kapi's elector sees the new record at its next retry (2 s).
      const renewTime = new Date(kit.clock.now()).toISOString().replace('Z', '000Z');
      const taken = await call(kit, path, { method: 'PUT', json: { ...lease, spec: { ...lease.spec, holderIdentity: 'rival', leaseDurationSeconds: 15, renewTime } } });
      expect(taken.status, taken.text).to.equal(200);
      const holder = async () => (await call(kit, path)).body.spec.holderIdentity;
      await kit.clock.advance('2s');
      // 14 s after kapi saw the rival's record: not expired (15 s), so it waits.
      await kit.clock.advance('14s');
      expect(await holder()).to.equal('rival');
      // A candidate retries every 2 s plus up to 20 % jitter (wait.JitterUntil): two retries more are enough.
      await kit.clock.advance('5s');
      await eventually(async () => (await holder()) !== 'rival');
      expect(await holder()).to.equal(lease.spec.holderIdentity);
    } finally {
      await kit.close();
    }
  });
});
