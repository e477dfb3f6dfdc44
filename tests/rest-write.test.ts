import { expect } from 'chai';
import { call, configMap, startRestServer, widget, type TestServer } from './rest-helpers';

type Obj = { metadata: Record<string, unknown>; spec?: Record<string, unknown>; data?: Record<string, string> } & Record<string, unknown>;
type Status = { kind: string; code: number; reason: string; message: string; details?: Record<string, unknown> };

/** PUT and PATCH as kube-apiserver's handlers answer them, over a real socket. */
describe('REST: update and patch', function () {
  this.timeout(60_000);
  let s: TestServer;
  const cms = '/api/v1/namespaces/default/configmaps';
  const widgets = '/apis/testing.kapi.dev/v1/namespaces/default/widgets';
  before(async () => {
    s = await startRestServer();
  });
  after(() => s.stop());

  const get = async <T = Obj>(path: string) => (await call<T>(s.url, 'GET', path)).body;

  it('update with a stale resourceVersion returns 409 Conflict and stores nothing', async () => {
    const created = (await call<Obj>(s.url, 'POST', cms, { body: configMap('stale', { a: '1' }) })).body;
    await call(s.url, 'PUT', `${cms}/stale`, { body: { ...created, data: { a: '2' } } });
    const stale = await call<Status>(s.url, 'PUT', `${cms}/stale`, { body: { ...created, data: { a: '3' } } });
    expect(stale.status).to.equal(409);
    expect(stale.body.reason).to.equal('Conflict');
    expect(stale.body.message).to.equal(
      'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect((await get(`${cms}/stale`)).data).to.deep.equal({ a: '2' });
  });

  it('update without resourceVersion is unconditional where the strategy allows it, Invalid where not', async () => {
    await call(s.url, 'POST', cms, { body: configMap('uncond', { a: '1' }) });
    const put = await call<Obj>(s.url, 'PUT', `${cms}/uncond`, { body: configMap('uncond', { a: '2' }) });
    expect(put.status).to.equal(200);
    expect(put.body.data).to.deep.equal({ a: '2' });

    await call(s.url, 'POST', widgets, { body: widget('cond', { size: 1 }) });
    const refused = await call<Status>(s.url, 'PUT', `${widgets}/cond`, { body: widget('cond', { size: 2 }) });
    expect(refused.status).to.equal(422);
    expect(refused.body.message).to.equal('Widget.testing.kapi.dev "cond" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update');
    expect((await get(`${widgets}/cond`)).spec).to.deep.equal({ size: 1 });
  });

  it('PUT of a missing object creates it (201) only where AllowCreateOnUpdate', async () => {
    const created = await call<Obj>(s.url, 'PUT', `${widgets}/born`, { body: widget('born', { size: 3 }) });
    expect(created.status).to.equal(201);
    expect(created.body.metadata.uid).to.be.a('string');
    expect(created.body.metadata.generation).to.equal(1);
    const missing = await call<Status>(s.url, 'PUT', `${cms}/nobody`, { body: configMap('nobody') });
    expect(missing.status).to.equal(404);
    expect(missing.body.message).to.equal('configmaps "nobody" not found');
  });

  it('a PUT carrying the uid of a deleted namesake is 409 and does not overwrite the new object', async () => {
    const first = (await call<Obj>(s.url, 'POST', cms, { body: configMap('reborn', { gen: '1' }) })).body;
    await call(s.url, 'DELETE', `${cms}/reborn`);
    await call(s.url, 'POST', cms, { body: configMap('reborn', { gen: '2' }) });
    const { resourceVersion: _rv, ...meta } = first.metadata;
    const r = await call<Status>(s.url, 'PUT', `${cms}/reborn`, { body: { ...first, metadata: meta, data: { gen: 'stale' } } });
    expect(r.status).to.equal(409);
    expect(r.body.message).to.contain(`Precondition failed: UID in precondition: ${first.metadata.uid}`);
    expect((await get(`${cms}/reborn`)).data).to.deep.equal({ gen: '2' });
  });

  it('a PUT whose name differs from the URL is a 400', async () => {
    const r = await call<Status>(s.url, 'PUT', `${cms}/uncond`, { body: configMap('other') });
    expect(r.status).to.equal(400);
    expect(r.body.message).to.equal('the name of the object (other) does not match the name on the URL (uncond)');
  });

  it('a write that changes nothing keeps the resourceVersion, even with keys in another order', async () => {
    const created = (await call<Obj>(s.url, 'POST', widgets, { body: widget('same', { size: 1, color: 'red' }, { labels: { a: '1', b: '2' } }) })).body;
    const reordered = {
      spec: { color: 'red', size: 1 },
      metadata: { resourceVersion: created.metadata.resourceVersion, labels: { b: '2', a: '1' }, name: 'same' },
      kind: 'Widget',
      apiVersion: 'testing.kapi.dev/v1',
    };
    const put = await call<Obj>(s.url, 'PUT', `${widgets}/same`, { body: reordered });
    expect(put.status).to.equal(200);
    expect(put.body.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
    expect(put.body.metadata.generation).to.equal(1);
    const patch = await call<Obj>(s.url, 'PATCH', `${widgets}/same`, { body: { spec: { size: 1 } }, contentType: 'application/merge-patch+json' });
    expect(patch.body.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
  });

  it('a spec change bumps metadata.generation; a label change does not', async () => {
    const w = (await call<Obj>(s.url, 'POST', widgets, { body: widget('gen', { size: 1 }) })).body;
    expect(w.metadata.generation).to.equal(1);
    const spec = await call<Obj>(s.url, 'PATCH', `${widgets}/gen`, { body: { spec: { size: 2 } }, contentType: 'application/merge-patch+json' });
    expect(spec.body.metadata.generation).to.equal(2);
    const labels = await call<Obj>(s.url, 'PATCH', `${widgets}/gen`, { body: { metadata: { labels: { x: 'y' } } }, contentType: 'application/merge-patch+json' });
    expect(labels.body.metadata.generation).to.equal(2);
    expect(Number(labels.body.metadata.resourceVersion)).to.be.greaterThan(Number(spec.body.metadata.resourceVersion));
  });

  it('json-patch and merge-patch apply; a failed test op is 422 and stores nothing', async () => {
    await call(s.url, 'POST', cms, { body: configMap('p', { a: '1' }) });
    const jp = await call<Obj>(s.url, 'PATCH', `${cms}/p`, {
      body: [
        { op: 'test', path: '/data/a', value: '1' },
        { op: 'add', path: '/data/b', value: '2' },
      ],
      contentType: 'application/json-patch+json',
    });
    expect(jp.status).to.equal(200);
    expect(jp.body.data).to.deep.equal({ a: '1', b: '2' });
    const mp = await call<Obj>(s.url, 'PATCH', `${cms}/p`, { body: { data: { a: null, c: '3' } }, contentType: 'application/merge-patch+json' });
    expect(mp.body.data).to.deep.equal({ b: '2', c: '3' });
    const failed = await call<Status>(s.url, 'PATCH', `${cms}/p`, {
      body: [
        { op: 'test', path: '/data/b', value: 'nope' },
        { op: 'remove', path: '/data/b' },
      ],
      contentType: 'application/json-patch+json',
    });
    expect(failed.status).to.equal(422);
    expect(failed.body.reason).to.equal('Invalid');
    expect(failed.body.message).to.equal('the server rejected our request due to an error in our request');
    const missingPath = await call<Status>(s.url, 'PATCH', `${cms}/p`, { body: [{ op: 'remove', path: '/data/zzz' }], contentType: 'application/json-patch+json' });
    expect(missingPath.status).to.equal(422);
    const notArray = await call<Status>(s.url, 'PATCH', `${cms}/p`, { body: { op: 'remove' }, contentType: 'application/json-patch+json' });
    expect(notArray.status).to.equal(400);
    const badMerge = await call<Status>(s.url, 'PATCH', `${cms}/p`, { body: '{"data":', contentType: 'application/merge-patch+json' });
    expect(badMerge.status).to.equal(400);
    expect(badMerge.body.message).to.equal('Invalid JSON Patch');
    expect((await get(`${cms}/p`)).data).to.deep.equal({ b: '2', c: '3' });
  });

  it('PATCH answers 404 for a missing object, 415 for an unknown patch type, 409 for a stale resourceVersion in the patch', async () => {
    const missing = await call<Status>(s.url, 'PATCH', `${cms}/ghost`, { body: { data: { a: '1' } }, contentType: 'application/merge-patch+json' });
    expect(missing.status).to.equal(404);
    const unknown = await call<Status>(s.url, 'PATCH', `${cms}/p`, { body: { data: {} }, contentType: 'text/plain' });
    expect(unknown.status).to.equal(415);
    expect(unknown.body.reason).to.equal('UnsupportedMediaType');
    const stale = await call<Status>(s.url, 'PATCH', `${cms}/p`, { body: { metadata: { resourceVersion: '1' }, data: { z: '1' } }, contentType: 'application/merge-patch+json' });
    expect(stale.status).to.equal(409);
    expect((await get(`${cms}/p`)).data).to.not.have.property('z');
  });

  it('concurrent patches all land: conflicts are retried inside the server', async () => {
    await call(s.url, 'POST', cms, { body: configMap('race', {}) });
    const n = 20;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) => call(s.url, 'PATCH', `${cms}/race`, { body: { data: { [`k${i}`]: String(i) } }, contentType: 'application/merge-patch+json' })),
    );
    expect(replies.map((r) => r.status)).to.deep.equal(Array(n).fill(200));
    expect(Object.keys((await get(`${cms}/race`)).data ?? {})).to.have.length(n);
  });

  describe('dryRun=All', () => {
    it('create validates fully and stores nothing', async () => {
      const ok = await call<Obj>(s.url, 'POST', `${widgets}?dryRun=All`, { body: widget('dry', { size: 1 }) });
      expect(ok.status).to.equal(201);
      expect(ok.body.metadata.uid).to.be.a('string');
      expect(ok.body.metadata).to.not.have.property('resourceVersion');
      expect((await call(s.url, 'GET', `${widgets}/dry`)).status).to.equal(404);
      const invalid = await call<Status>(s.url, 'POST', `${widgets}?dryRun=All`, { body: widget('dry', { size: -1 }) });
      expect(invalid.status).to.equal(422);
      expect(invalid.body.message).to.equal('Widget.testing.kapi.dev "dry" is invalid: spec.size: Invalid value: -1: must be greater than or equal to 0');
      await call(s.url, 'POST', cms, { body: configMap('exists') });
      const dup = await call<Status>(s.url, 'POST', `${cms}?dryRun=All`, { body: configMap('exists') });
      expect(dup.status).to.equal(409);
      expect(dup.body.reason).to.equal('AlreadyExists');
    });

    it('update and patch answer the would-be object and store nothing', async () => {
      const before = (await call<Obj>(s.url, 'POST', cms, { body: configMap('dryup', { a: '1' }) })).body;
      const put = await call<Obj>(s.url, 'PUT', `${cms}/dryup?dryRun=All`, { body: { ...before, data: { a: '2' } } });
      expect(put.status).to.equal(200);
      expect(put.body.data).to.deep.equal({ a: '2' });
      const patch = await call<Obj>(s.url, 'PATCH', `${cms}/dryup?dryRun=All`, { body: { data: { b: '1' } }, contentType: 'application/merge-patch+json' });
      expect(patch.body.data).to.deep.equal({ a: '1', b: '1' });
      const after = await get(`${cms}/dryup`);
      expect(after.data).to.deep.equal({ a: '1' });
      expect(after.metadata.resourceVersion).to.equal(before.metadata.resourceVersion);
      const created = await call(s.url, 'PUT', `${widgets}/drynew?dryRun=All`, { body: widget('drynew') });
      expect(created.status).to.equal(201);
      expect((await call(s.url, 'GET', `${widgets}/drynew`)).status).to.equal(404);
    });

    it("an unknown dryRun value is 422 on the verb's options", async () => {
      const r = await call<Status>(s.url, 'POST', `${cms}?dryRun=Some`, { body: configMap('x') });
      expect(r.status).to.equal(422);
      expect(r.body.message).to.match(/^CreateOptions\.meta\.k8s\.io "" is invalid: dryRun: Unsupported value: .*Some.*: supported values: "All"$/);
      const p = await call<Status>(s.url, 'PATCH', `${cms}/dryup?dryRun=x`, { body: {}, contentType: 'application/merge-patch+json' });
      expect(p.body.message).to.match(/^PatchOptions\.meta\.k8s\.io/);
    });
  });
});
