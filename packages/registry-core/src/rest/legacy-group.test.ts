import { expect } from 'chai';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLegacyAPIServer, type LegacyAPIServer } from '../testing/legacy-api-server';
import { eventually } from '@kapi/apiserver-core/testing';

const ns = '/api/v1/namespaces/default';

describe('legacy group resources over a real socket', function () {
  this.timeout(30_000);
  let s: LegacyAPIServer;
  let dir: string;
  let publicKeyPEM: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kapi-legacy-'));
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    publicKeyPEM = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await writeFile(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    s = await startLegacyAPIServer({
      eventTTLSeconds: 1,
      dataDir: dir,
      serviceAccountSigningKeyFile: path.join(dir, 'sa.key'),
      serviceAccountIssuer: 'https://kapi.test',
    });
  });
  after(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves every resource of the legacy group in discovery', async () => {
    const res = await s.request('GET', '/api/v1');
    const names = (res.body.resources as { name: string }[]).map((r) => r.name);
    for (const r of [
      'pods',
      'pods/status',
      'pods/binding',
      'pods/eviction',
      'pods/ephemeralcontainers',
      'pods/log',
      'pods/exec',
      'pods/attach',
      'pods/portforward',
      'pods/proxy',
      'bindings',
      'podtemplates',
      'events',
      'limitranges',
      'resourcequotas',
      'resourcequotas/status',
      'secrets',
      'persistentvolumes',
      'persistentvolumes/status',
      'persistentvolumeclaims',
      'persistentvolumeclaims/status',
      'configmaps',
      'namespaces',
      'namespaces/status',
      'namespaces/finalize',
      'endpoints',
      'nodes',
      'nodes/status',
      'nodes/proxy',
      'serviceaccounts',
      'serviceaccounts/token',
      'replicationcontrollers',
      'replicationcontrollers/status',
      'replicationcontrollers/scale',
      'services',
      'services/status',
      'services/proxy',
      'componentstatuses',
    ])
      expect(names, r).to.include(r);
  });

  it('serviceaccounts/token signs a JWT with the configured key, issuer, audiences and expiry', async () => {
    await s.request('POST', `${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
    const res = await s.request('POST', `${ns}/serviceaccounts/robot/token`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { audiences: ['vault'], expirationSeconds: 900 },
    });
    expect(res.status).to.equal(201);
    const token = (res.body.status as { token: string }).token;
    const { jwtVerify } = await import('jose');
    const { payload, protectedHeader } = await jwtVerify(token, createPublicKey(publicKeyPEM), { issuer: 'https://kapi.test', audience: 'vault' });
    expect(protectedHeader.alg).to.equal('ES256');
    expect(payload.sub).to.equal('system:serviceaccount:default:robot');
    expect(payload.exp! - payload.iat!).to.equal(900);
    const short = await s.request('POST', `${ns}/serviceaccounts/robot/token`, { spec: { expirationSeconds: 60 } });
    expect(short.status).to.equal(422);
    expect(short.body.message).to.match(/spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes/);
    expect((await s.request('POST', `${ns}/serviceaccounts/nobody/token`, { spec: {} })).status).to.equal(404);
  });

  it('a bound token names its pod, and a wrong UID is refused', async () => {
    const pod = await s.request('POST', `${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'holder' },
      spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'x' }] },
    });
    const uid = (pod.body.metadata as { uid: string }).uid;
    const ok = await s.request('POST', `${ns}/serviceaccounts/robot/token`, { spec: { boundObjectRef: { kind: 'Pod', name: 'holder', uid } } });
    const claims = JSON.parse(Buffer.from((ok.body.status as { token: string }).token.split('.')[1], 'base64url').toString());
    expect(claims['kubernetes.io'].pod).to.deep.equal({ name: 'holder', uid });
    const wrong = await s.request('POST', `${ns}/serviceaccounts/robot/token`, { spec: { boundObjectRef: { kind: 'Pod', name: 'holder', uid: 'nope' } } });
    expect(wrong.status).to.equal(400);
  });

  it('events expire after --event-ttl', async () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Test', type: 'Normal' };
    expect((await s.request('POST', `${ns}/events`, ev)).status).to.equal(201);
    const bad = await s.request('POST', `${ns}/events`, { ...ev, metadata: { name: 'e2' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } });
    expect(bad.status).to.equal(422);
    await eventually(async () => expect((await s.request('GET', `${ns}/events/e1`)).status).to.equal(404), 5000, 250);
  });

  it('namespace delete moves to Terminating; status updates keep it; finalize removes it; system namespaces stay', async () => {
    await s.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    const del = await s.request('DELETE', '/api/v1/namespaces/gone');
    expect(del.status).to.equal(200);
    expect((del.body.status as { phase: string }).phase).to.equal('Terminating');
    expect((await s.request('GET', '/api/v1/namespaces/gone')).status).to.equal(200);
    const st = await s.request('PATCH', '/api/v1/namespaces/gone/status', { status: { conditions: [{ type: 'NamespaceDeletionContentFailure', status: 'False' }] } });
    expect(st.status).to.equal(200);
    const cur = (await s.request('GET', '/api/v1/namespaces/gone')).body;
    const fin = await s.request('PUT', '/api/v1/namespaces/gone/finalize', { ...cur, spec: { finalizers: [] } });
    expect((fin.body.spec as { finalizers: string[] }).finalizers).to.deep.equal([]);
    // Emptying spec.finalizers of a deleting namespace removes it (ShouldDeleteNamespaceDuringUpdate).
    expect((await s.request('GET', '/api/v1/namespaces/gone')).status).to.equal(404);
    const def = await s.request('DELETE', '/api/v1/namespaces/default');
    expect(def.status).to.equal(403);
    expect(def.body.message).to.equal('namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('replicationcontrollers/scale reads and writes spec.replicas; generation follows the spec', async () => {
    const rc = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc' },
      spec: { template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    };
    const created = await s.request('POST', `${ns}/replicationcontrollers`, rc);
    expect(created.body.spec).to.deep.include({ replicas: 1, selector: { app: 'rc' } });
    const scale = await s.request('PATCH', `${ns}/replicationcontrollers/rc/scale`, { spec: { replicas: 3 } });
    expect(scale.status).to.equal(200);
    expect(scale.body).to.deep.include({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 } });
    const after = (await s.request('GET', `${ns}/replicationcontrollers/rc`)).body;
    expect((after.spec as { replicas: number }).replicas).to.equal(3);
    expect((after.metadata as { generation: number }).generation).to.equal(2);
    const neg = await s.request('PATCH', `${ns}/replicationcontrollers/rc/scale`, { spec: { replicas: -1 } });
    expect(neg.status).to.equal(422);
  });

  it('componentstatuses report the storage backend health', async () => {
    const res = await s.request('GET', '/api/v1/componentstatuses');
    expect(res.body.items).to.deep.equal([
      { apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name: 'memory-0' }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] },
    ]);
  });

  it('PV and PVC get their defaults and Pending phase; a PVC may grow but not shrink', async () => {
    const pv = await s.request('POST', '/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } },
    });
    expect(pv.body.spec).to.deep.include({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pv.body.status).to.deep.equal({ phase: 'Pending' });
    const pvcBody = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    expect((await s.request('POST', `${ns}/persistentvolumeclaims`, pvcBody)).status).to.equal(201);
    expect((await s.request('PATCH', `${ns}/persistentvolumeclaims/c`, { spec: { resources: { requests: { storage: '2Gi' } } } })).status).to.equal(200);
    expect((await s.request('PATCH', `${ns}/persistentvolumeclaims/c`, { spec: { resources: { requests: { storage: '1Gi' } } } })).status).to.equal(422);
    const noModes = await s.request('POST', `${ns}/persistentvolumeclaims`, { ...pvcBody, metadata: { name: 'd' }, spec: { resources: { requests: { storage: '1Gi' } } } });
    expect(noModes.body.message).to.match(/spec.accessModes: Required value/);
  });
});
