import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { builtinGroupModules, type KapiServer, type StorageOption } from '@kapi/controlplane';
import { startEtcd, type EtcdProcess } from '@kapi/storage-etcd';
import { createTestServer } from './support/create-test-server';
import { eventually } from './support/eventually';
import { startKapi } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';
import { widgetsModule } from './rest-helpers';

/** Short periods, so a test sees a failover or a recreated object in a second or two. */
const fast = {
  controllerTimings: {
    gcResyncMs: 300,
    kubernetesServiceIntervalMs: 300,
    identityLeaseDurationSeconds: 2,
    identityLeaseRenewIntervalMs: 300,
    legacyTokenCleanUpPeriodMs: 1_000,
    legacyTokenCleanerSyncMs: 300,
  },
  leaderElection: { leaseDurationMs: 2_000, renewDeadlineMs: 1_500, retryPeriodMs: 300 },
};

function start(storage: StorageOption): Promise<KapiServer> {
  return createTestServer({ storage, modules: [...builtinGroupModules, widgetsModule], logLevel: 'silent', ...fast });
}

const gizmoCRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gizmos.gc.example.com' },
  spec: {
    group: 'gc.example.com',
    scope: 'Namespaced',
    names: { plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};

type Obj = {
  metadata: { name: string; uid: string; labels?: Record<string, string>; finalizers?: string[]; deletionTimestamp?: string; ownerReferences?: unknown[] };
  [k: string]: unknown;
};

function controllerSuite(name: string, storage: () => Promise<{ storage: StorageOption; cleanup(): Promise<void> }>): void {
  describe(`in-process controllers through kubectl (${name})`, function () {
    this.timeout(120_000);
    let server: KapiServer;
    let cleanup: () => Promise<void>;
    const k = (...args: string[]) => kubectlOk(server.url, args);
    const getJSON = async (...args: string[]): Promise<Obj> => JSON.parse(await k('get', ...args, '-o', 'json')) as Obj;
    const absent = async (...args: string[]) => {
      const r = await kubectl(server.url, ['get', ...args]);
      if (r.code === 0) throw new Error(`${args.join(' ')} still exists`);
      expect(r.stderr).to.match(/NotFound/);
    };
    const apply = (obj: unknown) => kubectlOk(server.url, ['create', '-f', '-'], { input: JSON.stringify(obj) });
    const configMapOwnedBy = (
      cm: string,
      ns: string,
      owners: { apiVersion: string; kind: string; name: string; uid: string; blockOwnerDeletion?: boolean }[],
      extra: Record<string, unknown> = {},
    ) => apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm, namespace: ns, ownerReferences: owners, ...extra }, data: { a: 'b' } });

    before(async () => {
      const s = await storage();
      cleanup = s.cleanup;
      server = await start(s.storage);
      await apply(gizmoCRD);
      await eventually(() => k('get', 'gizmos'), 15_000);
      await k('create', 'namespace', 'gc');
    });
    after(async () => {
      await server?.close();
      await cleanup?.();
    });

    async function gizmo(n: string): Promise<{ apiVersion: string; kind: string; name: string; uid: string }> {
      await apply({ apiVersion: 'gc.example.com/v1', kind: 'Gizmo', metadata: { name: n, namespace: 'gc' } });
      const uid = (await getJSON('gizmo', n, '-n', 'gc')).metadata.uid;
      return { apiVersion: 'gc.example.com/v1', kind: 'Gizmo', name: n, uid };
    }

    async function widget(n: string): Promise<{ apiVersion: string; kind: string; name: string; uid: string }> {
      await apply({ apiVersion: 'testing.kapi.dev/v1', kind: 'Widget', metadata: { name: n, namespace: 'gc' }, spec: {} });
      const uid = (await getJSON('widgets.testing.kapi.dev', n, '-n', 'gc')).metadata.uid;
      return { apiVersion: 'testing.kapi.dev/v1', kind: 'Widget', name: n, uid };
    }

    it('kubectl delete of a custom resource owner deletes its ConfigMap dependents (background)', async () => {
      const owner = await gizmo('bg');
      await configMapOwnedBy('bg-1', 'gc', [owner]);
      await configMapOwnedBy('bg-2', 'gc', [owner]);
      expect(await k('delete', 'gizmo', 'bg', '-n', 'gc')).to.match(/gizmo.gc.example.com "bg" deleted/);
      await eventually(() => absent('configmap', 'bg-1', '-n', 'gc'));
      await eventually(() => absent('configmap', 'bg-2', '-n', 'gc'));
    });

    it('--cascade=orphan on a custom resource and on a plugin kind leaves the dependents without the reference', async () => {
      for (const owner of [await gizmo('orph'), await widget('orph')]) {
        const cm = `orph-${owner.kind.toLowerCase()}`;
        await configMapOwnedBy(cm, 'gc', [{ ...owner, blockOwnerDeletion: true }]);
        const resource = owner.kind === 'Gizmo' ? 'gizmo' : 'widgets.testing.kapi.dev';
        await k('delete', resource, 'orph', '-n', 'gc', '--cascade=orphan', '--timeout=20s');
        await absent(resource, 'orph', '-n', 'gc');
        const left = await getJSON('configmap', cm, '-n', 'gc');
        expect(left.metadata.ownerReferences).to.equal(undefined);
        // Stays orphaned: the collector does not come back for it.
        await new Promise((r) => setTimeout(r, 700));
        expect((await getJSON('configmap', cm, '-n', 'gc')).metadata.name).to.equal(cm);
      }
    });

    it('--cascade=foreground on a plugin kind waits for its blocking dependents, then goes', async () => {
      const owner = await widget('fg');
      await configMapOwnedBy('fg-held', 'gc', [{ ...owner, blockOwnerDeletion: true }], { finalizers: ['example.com/hold'] });
      await configMapOwnedBy('fg-free', 'gc', [{ ...owner, blockOwnerDeletion: true }]);
      await k('delete', 'widgets.testing.kapi.dev', 'fg', '-n', 'gc', '--cascade=foreground', '--wait=false');
      // The held dependent keeps the owner in foregroundDeletion; the free one is gone.
      await eventually(() => absent('configmap', 'fg-free', '-n', 'gc'));
      const waiting = await getJSON('widgets.testing.kapi.dev', 'fg', '-n', 'gc');
      expect(waiting.metadata.finalizers).to.deep.equal(['foregroundDeletion']);
      expect(waiting.metadata.deletionTimestamp).to.be.a('string');
      const held = await getJSON('configmap', 'fg-held', '-n', 'gc');
      expect(held.metadata.deletionTimestamp).to.be.a('string');
      await k('patch', 'configmap', 'fg-held', '-n', 'gc', '--type=merge', '-p', '{"metadata":{"finalizers":null}}');
      await eventually(() => absent('widgets.testing.kapi.dev', 'fg', '-n', 'gc'));
      await absent('configmap', 'fg-held', '-n', 'gc');
    });

    it('kubectl delete --cascade=foreground of a custom resource returns once its dependents are gone', async () => {
      const owner = await gizmo('fgw');
      await configMapOwnedBy('fgw-1', 'gc', [{ ...owner, blockOwnerDeletion: true }]);
      expect(await k('delete', 'gizmo', 'fgw', '-n', 'gc', '--cascade=foreground', '--timeout=20s')).to.match(/"fgw" deleted/);
      await absent('gizmo', 'fgw', '-n', 'gc');
      await absent('configmap', 'fgw-1', '-n', 'gc');
    });

    it('dangling owners: an absent owner or one with another uid gets its dependent deleted; a live owner keeps it', async () => {
      const live = await gizmo('live');
      await configMapOwnedBy('dangle-absent', 'gc', [{ ...live, name: 'never-was', uid: '6f1d2c0e-0000-4000-8000-000000000001' }]);
      await configMapOwnedBy('dangle-uid', 'gc', [{ ...live, uid: '6f1d2c0e-0000-4000-8000-000000000002' }]);
      await configMapOwnedBy('kept', 'gc', [live]);
      await configMapOwnedBy('mixed', 'gc', [live, { ...live, name: 'gone', uid: '6f1d2c0e-0000-4000-8000-000000000003' }]);
      await eventually(() => absent('configmap', 'dangle-absent', '-n', 'gc'));
      await eventually(() => absent('configmap', 'dangle-uid', '-n', 'gc'));
      // A live owner among dangling ones: only the dangling reference goes.
      const mixed = await eventually(async () => {
        const m = await getJSON('configmap', 'mixed', '-n', 'gc');
        expect(m.metadata.ownerReferences).to.have.length(1);
        return m;
      });
      expect((mixed.metadata.ownerReferences as { uid: string }[])[0].uid).to.equal(live.uid);
      expect((await getJSON('configmap', 'kept', '-n', 'gc')).metadata.name).to.equal('kept');
    });

    it('scope rules: a cluster-scoped owner owns namespaced dependents; a namespaced owner of a cluster-scoped object is reported and ignored', async () => {
      await apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'gc-owner' }, rules: [] });
      const role = await getJSON('clusterrole', 'gc-owner');
      await configMapOwnedBy('by-cluster', 'gc', [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'gc-owner', uid: role.metadata.uid }]);
      const owner = await gizmo('ns-owner');
      await apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'gc-invalid', ownerReferences: [owner] }, rules: [] });
      const event = await eventually(async () => {
        const out = await k('get', 'events', '-n', 'default', '--field-selector', 'reason=OwnerRefInvalidNamespace', '-o', 'jsonpath={.items[*].message}');
        expect(out).to.include(`name: ns-owner, uid: ${owner.uid}`);
        return out;
      });
      expect(event).to.include('does not exist in namespace ""');
      expect((await getJSON('clusterrole', 'gc-invalid')).metadata.name).to.equal('gc-invalid');
      await k('delete', 'clusterrole', 'gc-owner');
      await eventually(() => absent('configmap', 'by-cluster', '-n', 'gc'));
      await k('delete', 'clusterrole', 'gc-invalid');
    });

    it('a namespace holding objects of many groups, a custom resource and a plugin kind deletes completely', async () => {
      await k('create', 'namespace', 'full');
      await k('create', 'configmap', 'c', '-n', 'full', '--from-literal=a=b');
      await k('create', 'secret', 'generic', 's', '-n', 'full', '--from-literal=a=b');
      await k('create', 'deployment', 'd', '-n', 'full', '--image=nginx');
      await k('create', 'job', 'j', '-n', 'full', '--image=busybox');
      await k('create', 'role', 'r', '-n', 'full', '--verb=get', '--resource=pods');
      await k('create', 'poddisruptionbudget', 'p', '-n', 'full', '--selector=a=b', '--min-available=1');
      await k('create', 'ingress', 'i', '-n', 'full', '--rule=example.com/=svc:80');
      await apply({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l', namespace: 'full' }, spec: { holderIdentity: 'x' } });
      await k('create', 'serviceaccount', 'sa', '-n', 'full');
      await apply({ apiVersion: 'gc.example.com/v1', kind: 'Gizmo', metadata: { name: 'g', namespace: 'full' } });
      await apply({ apiVersion: 'testing.kapi.dev/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'full' }, spec: {} });
      expect(await k('delete', 'namespace', 'full', '--timeout=30s')).to.match(/namespace "full" deleted/);
      await absent('namespace', 'full');
      // Nothing of it is left in storage: a namespace of that name starts empty.
      await k('create', 'namespace', 'full');
      for (const kind of ['configmap/c', 'secret/s', 'serviceaccount/sa', 'deployment/d', 'job/j', 'role/r', 'pdb/p', 'ingress/i', 'gizmo/g', 'widgets.testing.kapi.dev/w']) {
        await absent(kind, '-n', 'full');
      }
      const leases = await k('get', 'leases.coordination.k8s.io', '-n', 'full', '-o', 'name');
      expect(leases.trim()).to.equal('');
    });

    it('kubectl delete svc kubernetes: the Service, its Endpoints and EndpointSlice come back', async () => {
      const before = await getJSON('service', 'kubernetes', '-n', 'default');
      await k('delete', 'service', 'kubernetes', '-n', 'default');
      await k('delete', 'endpointslice', 'kubernetes', '-n', 'default');
      const again = await eventually(() => getJSON('service', 'kubernetes', '-n', 'default'));
      expect(again.metadata.uid).to.not.equal(before.metadata.uid);
      expect((again.spec as { clusterIP: string }).clusterIP).to.equal((before.spec as { clusterIP: string }).clusterIP);
      await eventually(() => getJSON('endpoints', 'kubernetes', '-n', 'default'));
      await eventually(() => getJSON('endpointslice', 'kubernetes', '-n', 'default'));
    });

    it('kube-root-ca.crt appears in a new namespace, and comes back when deleted or edited', async () => {
      await k('create', 'namespace', 'rootca');
      const cm = await eventually(() => getJSON('configmap', 'kube-root-ca.crt', '-n', 'rootca'));
      const ca = (cm.data as Record<string, string>)['ca.crt'];
      expect(ca).to.match(/^-----BEGIN CERTIFICATE-----/);
      await k('delete', 'configmap', 'kube-root-ca.crt', '-n', 'rootca');
      await eventually(async () => expect(((await getJSON('configmap', 'kube-root-ca.crt', '-n', 'rootca')).data as Record<string, string>)['ca.crt']).to.equal(ca));
      await k('patch', 'configmap', 'kube-root-ca.crt', '-n', 'rootca', '--type=merge', '-p', '{"data":{"ca.crt":"tampered"}}');
      await eventually(async () => expect(((await getJSON('configmap', 'kube-root-ca.crt', '-n', 'rootca')).data as Record<string, string>)['ca.crt']).to.equal(ca));
    });

    it('legacy token cleaner: an unused auto-generated token Secret is marked invalid, then deleted; used, recent and unlisted ones stay', async () => {
      const tracking = await getJSON('configmap', 'kube-apiserver-legacy-service-account-token-tracking', '-n', 'kube-system');
      expect((tracking.data as Record<string, string>).since).to.equal(new Date().toISOString().slice(0, 10));
      await k('create', 'serviceaccount', 'legacy', '-n', 'gc');
      const token = (name: string, labels: Record<string, string> = {}) =>
        apply({
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'kubernetes.io/service-account-token',
          metadata: { name, namespace: 'gc', labels, annotations: { 'kubernetes.io/service-account.name': 'legacy' } },
        });
      await token('unused-token');
      await token('mounted-token');
      await token('recent-token', { 'kubernetes.io/legacy-token-last-used': new Date().toISOString().slice(0, 10) });
      await token('unlisted-token');
      // The pod first: once the ServiceAccount lists them, the cleaner may look at any moment.
      await apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'mounts', namespace: 'gc' },
        spec: {
          containers: [{ name: 'c', image: 'nginx' }],
          volumes: [{ name: 't', secret: { secretName: 'mounted-token' } }],
        },
      });
      await k(
        'patch',
        'serviceaccount',
        'legacy',
        '-n',
        'gc',
        '--type=merge',
        '-p',
        JSON.stringify({ secrets: [{ name: 'unused-token' }, { name: 'mounted-token' }, { name: 'recent-token' }] }),
      );
      const invalidSince = 'kubernetes.io/legacy-token-invalid-since';
      await eventually(async () => expect((await getJSON('secret', 'unused-token', '-n', 'gc')).metadata.labels).to.have.property(invalidSince), 10_000);
      await new Promise((r) => setTimeout(r, 700));
      for (const kept of ['mounted-token', 'recent-token', 'unlisted-token']) {
        expect((await getJSON('secret', kept, '-n', 'gc')).metadata.labels ?? {}, kept).to.not.have.property(invalidSince);
      }
      // Invalid for longer than the period: deleted.
      await k('label', 'secret', 'unused-token', '-n', 'gc', '--overwrite', `${invalidSince}=2020-01-01`);
      await eventually(() => absent('secret', 'unused-token', '-n', 'gc'), 10_000);
      await getJSON('secret', 'mounted-token', '-n', 'gc');
    });

    it("the apiserver identity Lease is in kube-system with kube's labels, and renewed", async () => {
      const out = await k('get', 'leases', '-n', 'kube-system', '-l', 'apiserver.kubernetes.io/identity=kube-apiserver', '-o', 'json');
      const items = (JSON.parse(out) as { items: (Obj & { spec: { renewTime: string; holderIdentity: string } })[] }).items;
      expect(items).to.have.length(1);
      expect(items[0].metadata.name).to.match(/^apiserver-[a-z2-7]{26}$/);
      expect(items[0].spec.holderIdentity.startsWith(`${items[0].metadata.name}_`)).to.equal(true);
      expect(items[0].metadata.labels).to.have.property('kubernetes.io/hostname');
      const first = items[0].spec.renewTime;
      await eventually(async () => expect((await getJSON('lease', items[0].metadata.name, '-n', 'kube-system')).spec).to.not.have.property('renewTime', first));
      // An identity Lease nobody renews is collected once it expired.
      await apply({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'kube-apiserver-stale', namespace: 'kube-system', labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver' } },
        spec: { holderIdentity: 'gone', leaseDurationSeconds: 1, renewTime: '2020-01-01T00:00:00.000000Z' },
      });
      await eventually(() => absent('lease', 'kube-apiserver-stale', '-n', 'kube-system'), 10_000);
    });
  });
}

controllerSuite('embedded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kapi-ctrl-'));
  return { storage: { type: 'embedded', dataDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

controllerSuite('etcd3', async () => {
  const etcd = await startEtcd();
  return { storage: { type: 'etcd3', servers: [etcd.endpoint] }, cleanup: () => etcd.stop() };
});

describe('leader election of the in-process controllers: two kapi instances on one etcd', function () {
  this.timeout(120_000);
  let etcd: EtcdProcess;
  let a: KapiServer | undefined;
  let b: KapiServer | undefined;
  before(async () => {
    etcd = await startEtcd();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await etcd?.stop();
  });

  const lease = async (url: string) =>
    JSON.parse(await kubectlOk(url, ['get', 'lease', 'kapi-controller-manager', '-n', 'kube-system', '-o', 'json'])) as {
      spec: { holderIdentity: string; leaseDurationSeconds: number; leaseTransitions: number; renewTime: string; acquireTime: string };
    };

  it('one instance holds the Lease and runs the garbage collector; when it stops, the other takes over', async () => {
    const storage: StorageOption = { type: 'etcd3', servers: [etcd.endpoint] };
    a = await start(storage);
    const held = await eventually(async () => {
      const l = await lease(a!.url);
      expect(l.spec.holderIdentity).to.equal(a!.chain.controllers.leaderIdentity);
      return l;
    });
    expect(held.spec.leaseDurationSeconds).to.equal(2);
    expect(held.spec.leaseTransitions).to.equal(0);
    b = await start(storage);
    // B stays a candidate while A renews.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(a.chain.controllers.isLeader).to.equal(true);
    expect(b.chain.controllers.isLeader).to.equal(false);
    expect((await lease(b.url)).spec.holderIdentity).to.equal(a.chain.controllers.leaderIdentity);

    // The collector runs (in A): a dangling dependent created through B goes.
    await kubectlOk(b.url, ['create', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'dangling-a',
          namespace: 'default',
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'nobody', uid: '6f1d2c0e-0000-4000-8000-00000000000a' }],
        },
      }),
    });
    await eventually(async () => expect((await kubectl(b!.url, ['get', 'configmap', 'dangling-a'])).code).to.equal(1));

    await a.close();
    a = undefined;
    const taken = await eventually(async () => {
      const l = await lease(b!.url);
      expect(l.spec.holderIdentity).to.equal(b!.chain.controllers.leaderIdentity);
      return l;
    }, 10_000);
    expect(taken.spec.leaseTransitions).to.equal(1);
    expect(b.chain.controllers.isLeader).to.equal(true);
    await kubectlOk(b.url, ['create', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'dangling-b',
          namespace: 'default',
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'nobody', uid: '6f1d2c0e-0000-4000-8000-00000000000b' }],
        },
      }),
    });
    await eventually(async () => expect((await kubectl(b!.url, ['get', 'configmap', 'dangling-b'])).code).to.equal(1));
  });

  it('a leader killed with SIGKILL (no release) is replaced once its Lease expires (kapi server flags)', async () => {
    const kapi = await startKapi([
      '--storage-backend',
      'etcd3',
      '--etcd-servers',
      etcd.endpoint,
      '--leader-elect-lease-duration=2s',
      '--leader-elect-renew-deadline=1500ms',
      '--leader-elect-retry-period=300ms',
    ]);
    try {
      // b (in-process) leads from the previous test; the process waits as a candidate.
      const leaderBefore = (await lease(kapi.url)).spec.holderIdentity;
      expect(leaderBefore).to.equal(b!.chain.controllers.leaderIdentity);
      await b!.close();
      b = undefined;
      const processLeads = await eventually(async () => {
        const l = await lease(kapi.url);
        expect(l.spec.holderIdentity).to.match(/_[0-9a-f-]{36}$/);
        expect(l.spec.holderIdentity).to.not.equal(leaderBefore);
        return l;
      }, 10_000);
      b = await start({ type: 'etcd3', servers: [etcd.endpoint] });
      await kapi.kill();
      const killedAt = Date.now();
      const taken = await eventually(async () => {
        const l = await lease(b!.url);
        expect(l.spec.holderIdentity).to.equal(b!.chain.controllers.leaderIdentity);
        return l;
      }, 15_000);
      // Not before the dead holder's lease duration has run out from b's point of view.
      expect(Date.now() - killedAt).to.be.greaterThan(1_500);
      expect(taken.spec.leaseTransitions).to.equal(processLeads.spec.leaseTransitions + 1);
    } finally {
      await kapi.stop();
    }
  });
});
