import { expect } from 'chai';
import { call, startRestServer, type TestServer } from './rest-helpers';

type Entry = { manager: string; operation: string; apiVersion: string; time?: string; fieldsType: string; fieldsV1: Record<string, unknown>; subresource?: string };
type Obj = {
  metadata: { managedFields?: Entry[]; labels?: Record<string, string>; resourceVersion?: string } & Record<string, unknown>;
  data?: Record<string, string>;
  spec?: Record<string, unknown>;
};
type Status = { code: number; reason: string; message: string; details?: { causes?: { reason: string; message: string; field: string }[] } };

const APPLY = 'application/apply-patch+yaml';

/** Server-side apply over a real socket, built from the examples of the Kubernetes "Server-Side Apply" page. */
describe('server-side apply over HTTP', function () {
  this.timeout(60_000);
  let s: TestServer;
  const cms = '/api/v1/namespaces/default/configmaps';
  const deployments = '/apis/apps/v1/namespaces/default/deployments';
  before(async () => {
    s = await startRestServer();
  });
  after(() => s.stop());

  const apply = <T = Obj>(path: string, manager: string, body: string, query = '') =>
    call<T>(s.url, 'PATCH', `${path}?fieldManager=${manager}${query}`, { body, contentType: APPLY });
  const entry = (o: Obj, manager: string, operation = 'Apply') => o.metadata.managedFields?.find((e) => e.manager === manager && e.operation === operation);

  const testCm = (name: string, value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels:
    test-label: test
data:
  key: ${value}
`;

  it('creates a missing object and records the applier (the ConfigMap example)', async () => {
    const r = await apply(`${cms}/test-cm`, 'kubectl', testCm('test-cm', 'some value'));
    expect(r.status).to.equal(201);
    expect(r.body.data).to.deep.equal({ key: 'some value' });
    expect(r.body.metadata.managedFields).to.have.length(1);
    const e = r.body.metadata.managedFields![0];
    expect(e).to.include({ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1' });
    expect(e.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } });
    const again = await apply(`${cms}/test-cm`, 'kubectl', testCm('test-cm', 'some value'));
    expect(again.status).to.equal(200);
    expect(again.body.metadata.resourceVersion).to.equal(r.body.metadata.resourceVersion);
  });

  it('an update named by its User-Agent takes the field; an apply over it conflicts; force takes it back', async () => {
    await apply(`${cms}/multi`, 'kubectl', testCm('multi', 'some value'));
    const put = await call<Obj>(s.url, 'PUT', `${cms}/multi`, {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'multi', labels: { 'test-label': 'test' } }, data: { key: 'new value' } },
      headers: { 'User-Agent': 'kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/abc' },
    });
    expect(put.status).to.equal(200);
    expect(entry(put.body, 'kubectl')!.fieldsV1).to.deep.equal({ 'f:metadata': { 'f:labels': { 'f:test-label': {} } } });
    expect(entry(put.body, 'kube-controller-manager', 'Update')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} } });

    const conflict = await apply<Status>(`${cms}/multi`, 'kubectl', testCm('multi', 'mine'));
    expect(conflict.status).to.equal(409);
    expect(conflict.body.reason).to.equal('Conflict');
    expect(conflict.body.message).to.equal('Apply failed with 1 conflict: conflict with "kube-controller-manager" using v1: .data.key');
    expect(conflict.body.details?.causes).to.deep.equal([{ reason: 'FieldManagerConflict', message: 'conflict with "kube-controller-manager" using v1', field: '.data.key' }]);

    const forced = await apply(`${cms}/multi`, 'kubectl', testCm('multi', 'mine'), '&force=true');
    expect(forced.status).to.equal(200);
    expect(forced.body.data).to.deep.equal({ key: 'mine' });
    expect(entry(forced.body, 'kube-controller-manager', 'Update')).to.equal(undefined);
    expect(entry(forced.body, 'kubectl')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } });
  });

  it('shared ownership: the same value applied by two managers; the field stays until both give it up', async () => {
    await apply(`${cms}/shared`, 'alice', testCm('shared', 'v'));
    const bob = await apply(`${cms}/shared`, 'bob', testCm('shared', 'v'));
    expect(bob.status).to.equal(200);
    expect(entry(bob.body, 'bob')!.fieldsV1).to.deep.equal(entry(bob.body, 'alice')!.fieldsV1);
    expect((await apply(`${cms}/shared`, 'bob', testCm('shared', 'w'))).status).to.equal(409);
    const bare = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n';
    const aliceLeaves = await apply(`${cms}/shared`, 'alice', bare);
    expect(aliceLeaves.body.data).to.deep.equal({ key: 'v' });
    expect(aliceLeaves.body.metadata.labels).to.deep.equal({ 'test-label': 'test' });
    const bobLeaves = await apply(`${cms}/shared`, 'bob', bare);
    expect(bobLeaves.body.data).to.equal(undefined);
    expect(bobLeaves.body.metadata.labels).to.equal(undefined);
  });

  it("merges containers by name, removes the applier's dropped item and leaves the other manager's", async () => {
    const deployment = (containers: string, replicas = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:${containers}
`;
    const first = await apply(
      `${deployments}/web`,
      'alice',
      deployment('\n      - name: nginx\n        image: nginx:1.14.2\n      - name: logger\n        image: busybox', '\n  replicas: 2'),
    );
    expect(first.status).to.equal(201);
    const sidecar = await apply(
      `${deployments}/web`,
      'bob',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: envoy\n',
    );
    expect(sidecar.status).to.equal(200);
    const names = (o: Obj) => (o.spec!.template as { spec: { containers: { name: string }[] } }).spec.containers.map((c) => c.name);
    expect(names(sidecar.body)).to.deep.equal(['nginx', 'logger', 'sidecar']);
    const dropped = await apply(`${deployments}/web`, 'alice', deployment('\n      - name: nginx\n        image: nginx:1.14.2'));
    expect(dropped.status).to.equal(200);
    expect(names(dropped.body)).to.deep.equal(['nginx', 'sidecar']);
    // replicas went back to its default when alice stopped applying it
    expect(dropped.body.spec!.replicas).to.equal(1);
    const clash = await apply<Status>(
      `${deployments}/web`,
      'alice',
      deployment('\n      - name: nginx\n        image: nginx:1.14.2\n      - name: sidecar\n        image: envoy:2'),
    );
    expect(clash.body.message).to.equal('Apply failed with 1 conflict: conflict with "bob": .spec.template.spec.containers[name="sidecar"].image');
  });

  it('dryRun=All answers the applied object and stores nothing', async () => {
    const r = await apply(`${cms}/dry`, 'kubectl', testCm('dry', 'x'), '&dryRun=All');
    expect(r.status).to.equal(201);
    expect(r.body.metadata.managedFields![0].manager).to.equal('kubectl');
    expect((await call(s.url, 'GET', `${cms}/dry`)).status).to.equal(404);
  });

  it('refuses apply without fieldManager, force on other patches, and managedFields in the configuration', async () => {
    const noManager = await call<Status>(s.url, 'PATCH', `${cms}/x`, { body: testCm('x', 'y'), contentType: APPLY });
    expect(noManager.status).to.equal(422);
    expect(noManager.body.message).to.equal('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const force = await call<Status>(s.url, 'PATCH', `${cms}/test-cm?force=true`, { body: { data: { a: 'b' } }, contentType: 'application/merge-patch+json' });
    expect(force.status).to.equal(422);
    expect(force.body.message).to.equal('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
    const withMF = await apply<Status>(`${cms}/x`, 'kubectl', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  managedFields: [{manager: me}]\n');
    expect(withMF.status).to.equal(400);
    expect(withMF.body.message).to.equal('metadata.managedFields must be nil');
  });

  it('a kind without a schema refuses apply', async () => {
    const r = await apply<Status>('/apis/testing.kapi.dev/v1/namespaces/default/widgets/w', 'kubectl', 'apiVersion: testing.kapi.dev/v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(r.status).to.equal(415);
    expect(r.body.reason).to.equal('UnsupportedMediaType');
  });

  it('create, update and merge patch record Update entries; managedFields [{}] clears them', async () => {
    const created = await call<Obj>(s.url, 'POST', `${cms}?fieldManager=creator`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'upd' }, data: { a: '1' } } });
    expect(created.body.metadata.managedFields).to.deep.equal([
      {
        manager: 'creator',
        operation: 'Update',
        apiVersion: 'v1',
        time: created.body.metadata.managedFields![0].time,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } },
      },
    ]);
    const patched = await call<Obj>(s.url, 'PATCH', `${cms}/upd`, {
      body: { data: { b: '2' } },
      contentType: 'application/merge-patch+json',
      headers: { 'User-Agent': 'my-controller/1.0' },
    });
    expect(entry(patched.body, 'my-controller', 'Update')!.fieldsV1).to.deep.equal({ 'f:data': { 'f:b': {} } });
    const cleared = await call<Obj>(s.url, 'PATCH', `${cms}/upd`, { body: { metadata: { managedFields: [{}] } }, contentType: 'application/merge-patch+json' });
    expect(cleared.body.metadata.managedFields).to.equal(undefined);
  });
});
