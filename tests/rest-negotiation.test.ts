import { expect } from 'chai';
import yaml from 'js-yaml';
import { call, configMap, startRestServer, type TestServer } from './rest-helpers';

type Obj = { kind?: string; apiVersion?: string; metadata: Record<string, unknown>; items?: Obj[]; rows?: Obj[] } & Record<string, unknown>;
type Status = { kind: string; code: number; reason: string; message: string };

const asTable = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** Content negotiation of the handlers: encodings in and out, Table and metadata-only views, 406 and 415. */
describe('REST: negotiation', function () {
  this.timeout(60_000);
  let s: TestServer;
  const cms = '/api/v1/namespaces/default/configmaps';
  before(async () => {
    s = await startRestServer();
    await call(s.url, 'POST', cms, { body: configMap('n1', { a: '1' }, { labels: { app: 'x' } }) });
    await call(s.url, 'POST', cms, { body: configMap('n2', { b: '2' }) });
  });
  after(() => s.stop());

  it('answers application/json exactly, without a charset, for objects, lists and errors', async () => {
    for (const [method, path] of [
      ['GET', `${cms}/n1`],
      ['GET', cms],
      ['GET', `${cms}/missing`],
      ['GET', '/api/v1'],
    ] as const) {
      const r = await call(s.url, method, path);
      expect(r.headers.get('content-type'), `${method} ${path}`).to.equal('application/json');
    }
    const created = await call(s.url, 'POST', cms, { body: configMap('n3') });
    expect(created.headers.get('content-type')).to.equal('application/json');
  });

  it('reads YAML bodies and writes YAML when asked', async () => {
    const body = yaml.dump({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fromyaml' }, data: { k: 'v' } });
    const r = await call(s.url, 'POST', cms, { body, contentType: 'application/yaml', headers: { Accept: 'application/yaml' } });
    expect(r.status).to.equal(201);
    expect(r.headers.get('content-type')).to.equal('application/yaml');
    const back = yaml.load(r.text) as Obj;
    expect(back.kind).to.equal('ConfigMap');
    expect(back.data).to.deep.equal({ k: 'v' });
    const list = await call(s.url, 'GET', cms, { headers: { Accept: 'application/yaml' } });
    expect((yaml.load(list.text) as Obj).kind).to.equal('ConfigMapList');
  });

  it('serves Table (v1 and v1beta1) with includeObject None, Metadata (default) and Object', async () => {
    const t = await call<Obj>(s.url, 'GET', `${cms}?labelSelector=app%3Dx`, { headers: { Accept: asTable } });
    expect(t.status).to.equal(200);
    expect(t.body.kind).to.equal('Table');
    expect(t.body.apiVersion).to.equal('meta.k8s.io/v1');
    expect(t.body.rows).to.have.length(1);
    expect(t.body.rows![0].object).to.include({ kind: 'PartialObjectMetadata' });
    const none = await call<Obj>(s.url, 'GET', `${cms}/n1?includeObject=None`, { headers: { Accept: asTable } });
    expect(none.body.rows![0]).to.not.have.property('object');
    const full = await call<Obj>(s.url, 'GET', `${cms}/n1?includeObject=Object`, { headers: { Accept: asTable } });
    expect((full.body.rows![0].object as Obj).data).to.deep.equal({ a: '1' });
    const beta = await call<Obj>(s.url, 'GET', cms, { headers: { Accept: 'application/json;as=Table;v=v1beta1;g=meta.k8s.io' } });
    expect(beta.body.apiVersion).to.equal('meta.k8s.io/v1beta1');
    const bad = await call<Status>(s.url, 'GET', `${cms}/n1?includeObject=Everything`, { headers: { Accept: asTable } });
    expect(bad.status).to.equal(400);
    expect(bad.body.message).to.equal('unrecognized includeObject value: "Everything"');
  });

  it('serves PartialObjectMetadata for objects and PartialObjectMetadataList for lists (v1 and v1beta1)', async () => {
    const one = await call<Obj>(s.url, 'GET', `${cms}/n1`, { headers: { Accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' } });
    expect(one.body).to.include({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
    expect(one.body.metadata.name).to.equal('n1');
    expect(one.body).to.not.have.property('data');
    const list = await call<Obj>(s.url, 'GET', cms, { headers: { Accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1beta1' } });
    expect(list.body).to.include({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1beta1' });
    expect(list.body.items!.every((i) => i.kind === 'PartialObjectMetadata' && !('data' in i))).to.equal(true);
    expect(list.body.metadata.resourceVersion).to.be.a('string');
    const wrong = await call<Status>(s.url, 'GET', cms, { headers: { Accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' } });
    expect(wrong.status).to.equal(406);
  });

  it('falls through the Accept list; nothing servable (protobuf only, unknown as=) is 406 NotAcceptable', async () => {
    const fallback = await call<Obj>(s.url, 'GET', `${cms}/n1`, { headers: { Accept: 'application/vnd.kubernetes.protobuf, application/json' } });
    expect(fallback.status).to.equal(200);
    expect(fallback.body.kind).to.equal('ConfigMap');
    const tableFirst = await call<Obj>(s.url, 'GET', `${cms}/n1`, { headers: { Accept: `${asTable}, application/json` } });
    expect(tableFirst.body.kind).to.equal('Table');
    // kapi serves no protobuf objects; the 406 Status itself comes in protobuf, as kube encodes errors for such a client.
    const proto = await fetch(`${s.url}${cms}/n1`, { headers: { Accept: 'application/vnd.kubernetes.protobuf' } });
    expect(proto.status).to.equal(406);
    expect(proto.headers.get('content-type')).to.equal('application/vnd.kubernetes.protobuf');
    const protoBody = Buffer.from(await proto.arrayBuffer());
    expect(protoBody.subarray(0, 4).toString('hex')).to.equal('6b387300');
    expect(protoBody.includes(Buffer.from('Status')) && protoBody.includes(Buffer.from('NotAcceptable'))).to.equal(true);
    const unknownAs = await call<Status>(s.url, 'GET', `${cms}/n1`, { headers: { Accept: 'application/json;as=Nope;g=meta.k8s.io;v=v1' } });
    expect(unknownAs.status).to.equal(406);
    const before = await call<Obj>(s.url, 'GET', cms);
    const write = await call<Status>(s.url, 'POST', cms, { body: configMap('n406'), headers: { Accept: 'text/html' } });
    expect(write.status).to.equal(406);
    const after = await call<Obj>(s.url, 'GET', cms);
    expect(after.body.items).to.have.length(before.body.items!.length);
  });

  it('an unsupported request Content-Type is 415 UnsupportedMediaType and stores nothing', async () => {
    for (const type of ['text/plain', 'application/xml']) {
      const r = await call<Status>(s.url, 'POST', cms, { body: '<cm/>', contentType: type });
      expect(r.status, type).to.equal(415);
      expect(r.body.reason).to.equal('UnsupportedMediaType');
    }
    expect((await call(s.url, 'GET', `${cms}/cm`)).status).to.equal(404);
    // A well-formed protobuf envelope (runtime.Unknown) for a kind that has no protobuf message.
    const field = (n: number, bytes: Buffer) => Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
    const typeMeta = Buffer.concat([field(1, Buffer.from('testing.kapi.dev/v1')), field(2, Buffer.from('Widget'))]);
    const envelope = Buffer.concat([Buffer.from('k8s\u0000', 'binary'), field(1, typeMeta), field(2, Buffer.alloc(0))]);
    const proto = await fetch(`${s.url}/apis/testing.kapi.dev/v1/namespaces/default/widgets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: envelope,
    });
    expect(proto.status, 'a kind without protobuf messages').to.equal(415);
    expect(((await proto.json()) as Status).reason).to.equal('UnsupportedMediaType');
  });
});
