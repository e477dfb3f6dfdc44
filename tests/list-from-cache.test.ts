import { expect } from 'chai';
import { call, configMap, startRestServer, widget, type TestServer } from './rest-helpers';

type Obj = { kind?: string; apiVersion?: string; metadata: Record<string, unknown>; items?: Obj[]; rows?: unknown[] } & Record<string, unknown>;

/**
 * A JSON LIST the watch cache answers is spliced from the cached JSON of each item (never decoded);
 * every other LIST decodes. Both must answer the same document: the decoded path is the oracle here.
 */
describe("LIST from the watch cache's stored JSON", function () {
  this.timeout(60_000);
  let s: TestServer;
  const cms = '/api/v1/namespaces/lc/configmaps';
  const widgets = '/apis/testing.kapi.dev/v1/namespaces/default/widgets';
  before(async () => {
    s = await startRestServer({ watchCache: true, controllers: ['*', '-root-ca-certificate-publisher-controller'] });
    await call(s.url, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lc' } } });
    for (const [name, app] of [
      ['a', 'web'],
      ['b', 'db'],
      ['c', 'web'],
    ]) {
      const r = await call(s.url, 'POST', cms, { body: configMap(name, { k: `v-${name}`, 'text.txt': 'quote " and \\ ünïcödé ✓' }, { labels: { app } }) });
      expect(r.status).to.equal(201);
    }
    for (const color of ['red', 'blue']) expect((await call(s.url, 'POST', widgets, { body: widget(color, { color }) })).status).to.equal(201);
  });
  after(() => s.stop());

  // limit without resourceVersion=0 goes to storage (kube's shouldDelegateList), which decodes every item.
  const decodedList = (path: string, sep = '?') => call<Obj>(s.url, 'GET', `${path}${sep}limit=500`);

  for (const [what, path] of [
    ['ConfigMaps', cms],
    ["a plugin's resource", widgets],
    ['ConfigMaps across namespaces', '/api/v1/configmaps'],
  ] as const) {
    it(`answers ${what} with the same document the decoded path answers`, async () => {
      const cached = await call<Obj>(s.url, 'GET', `${path}?resourceVersion=0`);
      const decoded = await decodedList(path);
      expect(cached.status).to.equal(200);
      expect(cached.headers.get('content-type')).to.match(/^application\/json/);
      expect(Object.keys(cached.body)).to.deep.equal(Object.keys(decoded.body));
      expect(cached.body.kind).to.equal(decoded.body.kind);
      expect(cached.body.apiVersion).to.equal(decoded.body.apiVersion);
      expect(cached.body.items).to.deep.equal(decoded.body.items);
      expect(cached.body.items!.length).to.be.greaterThan(1);
    });
  }

  it('applies the label selector on the cached path', async () => {
    const r = await call<Obj>(s.url, 'GET', `${cms}?resourceVersion=0&labelSelector=app%3Dweb`);
    expect(r.body.items!.map((i) => i.metadata.name)).to.deep.equal(['a', 'c']);
  });

  it('still converts when asked (Table), and a bad selector is still a 400 Status', async () => {
    const table = await call<Obj>(s.url, 'GET', `${cms}?resourceVersion=0`, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    expect(table.body.kind).to.equal('Table');
    expect(table.body.rows).to.have.length(3);
    const bad = await call<{ kind: string; code: number; reason: string }>(s.url, 'GET', `${cms}?resourceVersion=0&fieldSelector=spec.nope%3Dx`);
    expect(bad.status).to.equal(400);
    expect(bad.body).to.include({ kind: 'Status', code: 400, reason: 'BadRequest' });
  });
});
