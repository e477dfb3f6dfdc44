import { expect } from 'chai';
import type { KapiServer } from '@kapi/controlplane';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createTestServer } from './support/create-test-server';
import { startKapi, tempDir, type KapiProcess } from './support/kapi-process';
import { testUser } from './support/test-pki';
import { database, databaseCRD, group } from './support/crd-fixtures';
import { eventually } from './support/eventually';

type ClientNode = typeof import('@kubernetes/client-node', { with: { 'resolution-mode': 'import' }});
type Database = { apiVersion?: string; metadata?: { name?: string; generation?: number }; spec?: { replicas?: number; engine?: string }; status?: { phase?: string } };

/** An operator's view of a CRD: registered with ApiextensionsV1Api, its objects driven through CustomObjectsApi and an informer. */
describe('CustomResourceDefinitions through @kubernetes/client-node', function () {
  this.timeout(60_000);
  let k8s: ClientNode;
  let server: KapiServer;

  before(async () => {
    k8s = await import('@kubernetes/client-node');
  });
  after(async () => server?.close());

  it('registers a CRD, then creates, replaces, updates status of and deletes custom resources seen by an informer', async () => {
    server = await createTestServer();
    const kc = new k8s.KubeConfig();
    kc.loadFromString(server.kubeconfig);
    const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    // Sent as JSON: client-node's typed V1JSONSchemaProps would rename `default` and the x-kubernetes-* fields.
    const crdRes = await fetch(`${server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(databaseCRD()),
    });
    expect(crdRes.status).to.equal(201);
    await eventually(async () => {
      const crd = await ext.readCustomResourceDefinition({ name: `databases.${group}` });
      expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).to.equal('True');
    });
    const gvr = { group, version: 'v1', namespace: 'default', plural: 'databases' };
    const events: string[] = [];
    const informer = k8s.makeInformer<Database>(kc, `/apis/${group}/v1/namespaces/default/databases`, () => custom.listNamespacedCustomObject(gvr));
    informer.on('add', (d) => events.push(`add ${d.metadata?.name}`));
    informer.on('update', (d) => events.push(`update ${d.metadata?.name} replicas=${d.spec?.replicas} phase=${d.status?.phase}`));
    informer.on('delete', (d) => events.push(`delete ${d.metadata?.name}`));
    await informer.start();
    try {
      const created = (await custom.createNamespacedCustomObject({ ...gvr, body: database('inventory', { engine: 'postgres' }) })) as Database;
      // The schema's default, applied by the server.
      expect(created.spec?.replicas).to.equal(1);
      await eventually(() => expect(events).to.include('add inventory'));
      await custom.replaceNamespacedCustomObject({ ...gvr, name: 'inventory', body: { ...created, spec: { ...created.spec, replicas: 3 } } });
      await eventually(() => expect(events).to.include('update inventory replicas=3 phase=undefined'));
      const current = (await custom.getNamespacedCustomObject({ ...gvr, name: 'inventory' })) as Database;
      expect(current.metadata?.generation).to.equal(2);
      await custom.replaceNamespacedCustomObjectStatus({ ...gvr, name: 'inventory', body: { ...current, status: { phase: 'Ready' } } });
      await eventually(() => expect(events).to.include('update inventory replicas=3 phase=Ready'));
      const invalid = await custom.createNamespacedCustomObject({ ...gvr, body: database('broken', { engine: 'oracle' }) }).then(
        () => undefined,
        (err: { code?: number; body?: string }) => err,
      );
      expect(invalid?.code).to.equal(422);
      expect(JSON.parse(invalid!.body!).message).to.include('spec.engine: Unsupported value: "oracle"');
      await custom.deleteNamespacedCustomObject({ ...gvr, name: 'inventory' });
      await eventually(() => expect(events).to.include('delete inventory'));
      expect(informer.list('default')).to.deep.equal([]);
    } finally {
      await informer.stop();
    }
    await ext.deleteCustomResourceDefinition({ name: `databases.${group}` });
    await eventually(async () => {
      const list = await ext.listCustomResourceDefinition();
      expect(list.items.map((c) => c.metadata?.name)).to.not.include(`databases.${group}`);
    });
  });

  it('an informer on a custom resource survives a restart of kapi (embedded backend, same port)', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const data = tempDir('kapi-crd-restart-');
    const args = ['--data-dir', data.dir, '--secure-port', String(port)];
    let kapi: KapiProcess = await startKapi(args);
    const kc = new k8s.KubeConfig();
    kc.loadFromString((await testUser('operator', ['system:masters'])).kubeconfig(kapi.url));
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const gvr = { group, version: 'v1', namespace: 'default', plural: 'databases' };
    const events: string[] = [];
    const informer = k8s.makeInformer<Database>(kc, `/apis/${group}/v1/namespaces/default/databases`, () => custom.listNamespacedCustomObject(gvr));
    try {
      const res = await fetch(`${kapi.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(databaseCRD()),
      });
      expect(res.status).to.equal(201);
      await eventually(() => custom.listNamespacedCustomObject(gvr));
      informer.on('add', (d) => events.push(`add ${d.metadata?.name}`));
      // What operators do: an informer whose watch failed starts again.
      informer.on('error', () => setTimeout(() => void informer.start().catch(() => undefined), 300));
      await informer.start();
      await custom.createNamespacedCustomObject({ ...gvr, body: database('before', { engine: 'postgres' }) });
      await eventually(() => expect(events).to.include('add before'));
      await kapi.stop();
      kapi = await startKapi(args);
      await eventually(() => custom.createNamespacedCustomObject({ ...gvr, body: database('after', { engine: 'mysql' }) }), 20_000, 200);
      await eventually(() => expect(events).to.include('add after'), 20_000);
      expect(
        informer
          .list('default')
          .map((d) => d.metadata?.name)
          .sort(),
      ).to.deep.equal(['after', 'before']);
    } finally {
      await informer.stop();
      await kapi.stop();
      data.cleanup();
    }
  });
});
