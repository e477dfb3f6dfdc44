import { expect } from 'chai';
import { call, configMap, startRestServer, type TestServer } from './rest-helpers';

type Obj = { kind?: string; metadata: Record<string, unknown>; data?: Record<string, string>; items?: Obj[] } & Record<string, unknown>;
type Status = { kind: string; status: string; code?: number; reason: string; message: string; details?: Record<string, unknown> };

/** DELETE, DeleteOptions, finalizers and deletecollection as kube-apiserver answers them. */
describe('REST: delete', function () {
  this.timeout(60_000);
  let s: TestServer;
  const cms = '/api/v1/namespaces/default/configmaps';
  before(async () => {
    // No garbage collector (its finalizers are tested below, on a server of their own) and no kube-root-ca.crt
    // publisher: these tests count the ConfigMaps of a namespace.
    s = await startRestServer({ controllers: ['*', '-garbage-collector-controller', '-root-ca-certificate-publisher-controller'] });
  });
  after(() => s.stop());

  const exists = async (path: string) => (await call(s.url, 'GET', path)).status === 200;

  it('answers 200 with a Success Status naming the deleted object (kind is the resource)', async () => {
    const cm = (await call<Obj>(s.url, 'POST', cms, { body: configMap('gone') })).body;
    const r = await call<Status>(s.url, 'DELETE', `${cms}/gone`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.equal('application/json');
    expect(r.body).to.deep.equal({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'gone', kind: 'configmaps', uid: cm.metadata.uid } });
    expect(await exists(`${cms}/gone`)).to.equal(false);
    const again = await call<Status>(s.url, 'DELETE', `${cms}/gone`);
    expect(again.status).to.equal(404);
    expect(again.body.message).to.equal('configmaps "gone" not found');
  });

  it('namespaces answer the deleted object itself (ReturnDeletedObject)', async () => {
    await call(s.url, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } } });
    const r = await call<Obj>(s.url, 'DELETE', '/api/v1/namespaces/doomed');
    expect(r.status).to.equal(200);
    expect(r.body.kind).to.equal('Namespace');
  });

  it('honours preconditions from the body: uid and resourceVersion mismatches are 409 and keep the object', async () => {
    const cm = (await call<Obj>(s.url, 'POST', cms, { body: configMap('pre') })).body;
    const uid = await call<Status>(s.url, 'DELETE', `${cms}/pre`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'not-it' } } });
    expect(uid.status).to.equal(409);
    expect(uid.body.message).to.equal(`Operation cannot be fulfilled on ConfigMap "pre": Precondition failed: UID in precondition: not-it, UID in object meta: ${cm.metadata.uid}`);
    const rv = await call<Status>(s.url, 'DELETE', `${cms}/pre`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } } });
    expect(rv.status).to.equal(409);
    expect(rv.body.message).to.contain('Precondition failed: ResourceVersion in precondition: 1');
    expect(await exists(`${cms}/pre`)).to.equal(true);
    const ok = await call(s.url, 'DELETE', `${cms}/pre`, {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: cm.metadata.uid, resourceVersion: cm.metadata.resourceVersion } },
    });
    expect(ok.status).to.equal(200);
  });

  it('validates DeleteOptions from the query or the body (422 DeleteOptions)', async () => {
    await call(s.url, 'POST', cms, { body: configMap('opts') });
    const bad = await call<Status>(s.url, 'DELETE', `${cms}/opts?propagationPolicy=Sideways`);
    expect(bad.status).to.equal(422);
    expect(bad.body.message).to.equal(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
    const both = await call<Status>(s.url, 'DELETE', `${cms}/opts`, { body: { orphanDependents: true, propagationPolicy: 'Orphan' } });
    expect(both.status).to.equal(422);
    const notOptions = await call<Status>(s.url, 'DELETE', `${cms}/opts`, { body: { kind: 'ConfigMap', apiVersion: 'v1' } });
    expect(notOptions.status).to.equal(400);
    const grace = await call<Status>(s.url, 'DELETE', `${cms}/opts?gracePeriodSeconds=abc`);
    expect(grace.status).to.equal(400);
    expect(await exists(`${cms}/opts`)).to.equal(true);
  });

  it('dryRun=All runs the deletion and keeps the object, from the query or the body', async () => {
    await call(s.url, 'POST', cms, { body: configMap('dry') });
    const q = await call<Status>(s.url, 'DELETE', `${cms}/dry?dryRun=All`);
    expect(q.status).to.equal(200);
    expect(q.body.status).to.equal('Success');
    const b = await call<Status>(s.url, 'DELETE', `${cms}/dry`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] } });
    expect(b.status).to.equal(200);
    expect(await exists(`${cms}/dry`)).to.equal(true);
    const wrong = await call<Status>(s.url, 'DELETE', `${cms}/dry?dryRun=Yes`);
    expect(wrong.status).to.equal(422);
  });

  describe('finalizers', () => {
    it('DELETE sets deletionTimestamp and keeps the object; the update that empties finalizers removes it', async () => {
      await call(s.url, 'POST', cms, { body: configMap('fin', { a: '1' }, { finalizers: ['example.com/hold'] }) });
      const del = await call<Obj>(s.url, 'DELETE', `${cms}/fin`);
      expect(del.status).to.equal(200);
      expect(del.body.kind).to.equal('ConfigMap');
      expect(del.body.metadata.deletionTimestamp).to.be.a('string');
      expect(del.body.metadata.deletionGracePeriodSeconds).to.equal(0);
      const kept = (await call<Obj>(s.url, 'GET', `${cms}/fin`)).body;
      expect(kept.metadata.deletionTimestamp).to.equal(del.body.metadata.deletionTimestamp);

      const again = await call<Obj>(s.url, 'DELETE', `${cms}/fin`);
      expect(again.status).to.equal(200);
      expect(again.body.metadata.resourceVersion).to.equal(kept.metadata.resourceVersion);

      const addFinalizer = await call<Status>(s.url, 'PATCH', `${cms}/fin`, {
        body: { metadata: { deletionTimestamp: null } },
        contentType: 'application/merge-patch+json',
      });
      expect(addFinalizer.status).to.equal(200);
      expect((await call<Obj>(s.url, 'GET', `${cms}/fin`)).body.metadata.deletionTimestamp, 'deletionTimestamp cannot be removed').to.be.a('string');

      const more = await call<Status>(s.url, 'PATCH', `${cms}/fin`, {
        body: { metadata: { finalizers: ['example.com/hold', 'example.com/late'] } },
        contentType: 'application/merge-patch+json',
      });
      expect(more.status).to.equal(422);
      expect(more.body.message).to.equal(
        'ConfigMap "fin" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/late"}',
      );

      const removed = await call<Obj>(s.url, 'PATCH', `${cms}/fin`, { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' });
      expect(removed.status).to.equal(200);
      expect(removed.body.metadata).to.not.have.property('finalizers');
      expect(await exists(`${cms}/fin`)).to.equal(false);
    });

    it('a dry-run update emptying the finalizers keeps the object', async () => {
      await call(s.url, 'POST', cms, { body: configMap('findry', {}, { finalizers: ['example.com/hold'] }) });
      await call(s.url, 'DELETE', `${cms}/findry`);
      const dry = await call(s.url, 'PATCH', `${cms}/findry?dryRun=All`, { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' });
      expect(dry.status).to.equal(200);
      expect(await exists(`${cms}/findry`)).to.equal(true);
    });

    it('orphanDependents=false on an object kept by finalizers answers 202 Accepted', async () => {
      await call(s.url, 'POST', cms, { body: configMap('acc', {}, { finalizers: ['example.com/hold'] }) });
      const r = await call<Obj>(s.url, 'DELETE', `${cms}/acc`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', orphanDependents: false } });
      expect(r.status).to.equal(202);
      expect(r.body.metadata.deletionTimestamp).to.be.a('string');
    });

    it('without a garbage collector, propagationPolicy Orphan deletes at once', async () => {
      await call(s.url, 'POST', cms, { body: configMap('orph0') });
      const r = await call<Status>(s.url, 'DELETE', `${cms}/orph0?propagationPolicy=Orphan`);
      expect(r.body.status).to.equal('Success');
      expect(await exists(`${cms}/orph0`)).to.equal(false);
    });

    it("with --enable-garbage-collector, propagationPolicy Orphan and Foreground become the collector's finalizers", async () => {
      const gc = await startRestServer({ enableGarbageCollector: true });
      try {
        await call(gc.url, 'POST', cms, { body: configMap('orph') });
        const orphan = await call<Obj>(gc.url, 'DELETE', `${cms}/orph`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
        expect(orphan.status).to.equal(200);
        expect(orphan.body.metadata.finalizers).to.deep.equal(['orphan']);
        await call(gc.url, 'POST', cms, { body: configMap('fg') });
        const fg = await call<Obj>(gc.url, 'DELETE', `${cms}/fg?propagationPolicy=Foreground`);
        expect(fg.body.metadata.finalizers).to.deep.equal(['foregroundDeletion']);
        await call(gc.url, 'POST', cms, { body: configMap('bg') });
        const bg = await call<Status>(gc.url, 'DELETE', `${cms}/bg?propagationPolicy=Background`);
        expect(bg.body.status).to.equal('Success');
      } finally {
        await gc.stop();
      }
    });
  });

  it('deletecollection removes what the selectors match, answers the list, keeps the rest', async () => {
    const ns = '/api/v1/namespaces/dc/configmaps';
    await call(s.url, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dc' } } });
    for (const [name, tier] of [
      ['a', 'web'],
      ['b', 'web'],
      ['c', 'db'],
    ])
      await call(s.url, 'POST', ns, { body: configMap(name, {}, { labels: { tier } }) });
    const r = await call<Obj>(s.url, 'DELETE', `${ns}?labelSelector=tier%3Dweb`);
    expect(r.status).to.equal(200);
    expect(r.body.kind).to.equal('ConfigMapList');
    expect(r.body.items!.map((i) => i.metadata.name)).to.deep.equal(['a', 'b']);
    const left = (await call<Obj>(s.url, 'GET', ns)).body.items!.map((i) => i.metadata.name);
    expect(left).to.deep.equal(['c']);
    const dry = await call<Obj>(s.url, 'DELETE', `${ns}?dryRun=All&fieldSelector=metadata.name%3Dc`);
    expect(dry.body.items!.map((i) => i.metadata.name)).to.deep.equal(['c']);
    expect((await call<Obj>(s.url, 'GET', ns)).body.items).to.have.length(1);
    const badField = await call<Status>(s.url, 'DELETE', `${ns}?fieldSelector=data.x%3D1`);
    expect(badField.status).to.equal(400);
  });
});
