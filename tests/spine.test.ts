import { expect } from 'chai';
import { getJSON, readJSON } from './support/http';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

/** The spine's user story: kapi server as a process, driven by the real kubectl and raw HTTP. */
describe('spine: kapi server driven by kubectl', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    const code = await kapi.stop();
    expect(code, 'graceful shutdown exit code').to.equal(0);
  });

  it('reports ready and serves version and discovery', async () => {
    const ready = await fetch(`${kapi.url}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.text()).to.equal('ok');
    const version = await kubectlOk(kapi.url, ['version', '-o', 'json']);
    expect(JSON.parse(version).serverVersion.major).to.equal('1');
    const apps = JSON.parse(await kubectlOk(kapi.url, ['get', '--raw', '/apis/apps/v1']));
    expect(apps.kind).to.equal('APIResourceList');
    expect(apps.resources.map((r: { name: string }) => r.name)).to.include('deployments');
  });

  it('bootstraps the system namespaces', async () => {
    const out = await kubectlOk(kapi.url, ['get', 'namespaces', '-o', 'name']);
    for (const ns of ['default', 'kube-system', 'kube-public']) expect(out).to.include(`namespace/${ns}`);
  });

  it('creates a namespace and a configmap from a manifest and prints them as kube-apiserver does', async () => {
    const manifest = [
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: demo\ndata:\n  a: "1"\n  b: "2"',
    ].join('\n---\n');
    await kubectlOk(kapi.url, ['create', '--validate=false', '-f', '-'], { input: manifest });
    const table = await kubectlOk(kapi.url, ['-n', 'demo', 'get', 'configmaps']);
    const [header, row] = table.trim().split('\n');
    expect(header.split(/\s+/)).to.deep.equal(['NAME', 'DATA', 'AGE']);
    expect(row.split(/\s+/).slice(0, 2)).to.deep.equal(['app', '2']);
    const cm = JSON.parse(await kubectlOk(kapi.url, ['-n', 'demo', 'get', 'configmap', 'app', '-o', 'json']));
    expect(cm.metadata.uid).to.match(/^[0-9a-f-]{36}$/);
    expect(Number(cm.metadata.resourceVersion)).to.be.greaterThan(0);
    expect(Date.parse(cm.metadata.creationTimestamp)).to.be.closeTo(Date.now(), 60_000);
  });

  it('refuses a duplicate with AlreadyExists and a missing object with NotFound', async () => {
    const dup = await kubectl(kapi.url, ['create', '--validate=false', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: demo\n' });
    expect(dup.code).to.equal(1);
    expect(dup.stderr).to.include('Error from server (AlreadyExists): error when creating "STDIN": configmaps "app" already exists');
    const missing = await kubectl(kapi.url, ['-n', 'demo', 'get', 'configmap', 'nope']);
    expect(missing.stderr.trim()).to.equal('Error from server (NotFound): configmaps "nope" not found');
  });

  it('answers bad input with a Status and stores nothing', async () => {
    const post = (body: string, ns = 'demo') => fetch(`${kapi.url}/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const malformed = await post('{"apiVersion":');
    expect(malformed.status).to.equal(400);
    expect(await readJSON(malformed)).to.include({ kind: 'Status', reason: 'BadRequest', code: 400 });
    const wrongKind = await post(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }));
    expect(wrongKind.status).to.equal(400);
    const wrongNs = await post(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'other' } }));
    expect(wrongNs.status).to.equal(400);
    const invalid = await post(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' }, data: { 'bad key!': 'v' } }));
    expect(invalid.status).to.equal(422);
    const status = await readJSON(invalid);
    expect(status.reason).to.equal('Invalid');
    expect(status.details.causes.map((c: { field: string }) => c.field)).to.have.members(['metadata.name', 'data[bad key!]']);
    const list = await getJSON(`${kapi.url}/api/v1/namespaces/demo/configmaps`);
    // Besides the root CA publisher's kube-root-ca.crt, which every namespace holds as on kube.
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name).filter((n: string) => n !== 'kube-root-ca.crt')).to.deep.equal(['app']);
  });

  it('rejects a stale resourceVersion on update with 409 Conflict', async () => {
    const url = `${kapi.url}/api/v1/namespaces/demo/configmaps/app`;
    const cm = await getJSON(url);
    const put = (obj: unknown) => fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(obj) });
    const first = await put({ ...cm, data: { a: 'changed' } });
    expect(first.status).to.equal(200);
    const stale = await put({ ...cm, data: { a: 'stale' } });
    expect(stale.status).to.equal(409);
    expect((await readJSON(stale)).reason).to.equal('Conflict');
    expect((await getJSON(url)).data).to.deep.equal({ a: 'changed' });
  });

  it('answers unknown paths with a 404 Status', async () => {
    const res = await fetch(`${kapi.url}/api/v1/nothinghere`);
    expect(res.status).to.equal(404);
    expect((await readJSON(res)).kind).to.equal('Status');
  });
});
