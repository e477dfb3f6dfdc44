import { expect } from 'chai';
import { database, databaseCRD, group } from './support/crd-fixtures';
import { eventually } from './support/eventually';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectlOk } from './support/kubectl';

/**
 * Content types of custom resources as kube-apiserver 1.32 serves them (compared with the real
 * kube-apiserver v1.32.4 on etcd): no protobuf for custom resources. A client accepting only
 * protobuf gets 406 with a protobuf-encoded Status (byte for byte kube's); one that also accepts
 * JSON — kubectl's and client-go's "protobuf,json" — gets JSON; a protobuf Table is 406 in JSON;
 * a protobuf body is 415 (kube-apiserver 1.32.4 panics in schemaCoercingDecoder on it and resets the
 * stream; kapi answers the Status kube gives for any other unknown body).
 */
describe('custom resources and protobuf', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  const crdPath = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  const dbs = `/apis/${group}/v1/namespaces/default/databases`;
  const protobuf = 'application/vnd.kubernetes.protobuf';
  const notAcceptable = 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf';
  // kube-apiserver v1.32.4's answer to `Accept: application/vnd.kubernetes.protobuf` on a custom resource list.
  const kube406 = Buffer.concat([
    Buffer.from('6b3873000a0c0a0276311206537461747573129901' + '0a060a0012001a00' + '1207', 'hex'),
    Buffer.from('Failure'),
    Buffer.from('1a74', 'hex'),
    Buffer.from(notAcceptable),
    Buffer.from('220d', 'hex'),
    Buffer.from('NotAcceptable'),
    Buffer.from('3096031a002200', 'hex'),
  ]);

  before(async () => {
    kapi = await startKapi();
    const res = await fetch(`${kapi.url}${crdPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(databaseCRD()) });
    expect(res.status).to.equal(201);
    await eventually(
      async () => {
        const r = await fetch(`${kapi.url}${dbs}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(database('db1', { engine: 'postgres' })),
        });
        expect(r.status).to.equal(201);
      },
      10_000,
      100,
    );
  });
  after(() => kapi.stop());

  it('answers a protobuf-only Accept with 406 in protobuf, the bytes kube-apiserver sends, for list, get and watch', async () => {
    for (const path of [dbs, `${dbs}/db1`, `${dbs}?watch=1`]) {
      const res = await fetch(`${kapi.url}${path}`, { headers: { accept: protobuf } });
      expect(res.status, path).to.equal(406);
      expect(res.headers.get('content-type')).to.equal(protobuf);
      expect(Buffer.from(await res.arrayBuffer()).toString('hex'), path).to.equal(kube406.toString('hex'));
    }
  });

  it('falls back to JSON for client-go\'s "protobuf,json" Accept', async () => {
    for (const path of [dbs, `${dbs}/db1`]) {
      const res = await fetch(`${kapi.url}${path}`, { headers: { accept: `${protobuf}, application/json` } });
      expect(res.status, path).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json');
      expect(JSON.stringify(await res.json())).to.include('"db1"');
    }
    // kubectl asks for Tables in JSON and reads the custom resource as JSON.
    expect(await kubectlOk(kapi.url, ['get', 'databases', 'db1', '-o', 'jsonpath={.spec.engine}'])).to.equal('postgres');
  });

  it('answers a protobuf Table with 406 in JSON, and any unknown Accept the same', async () => {
    for (const accept of [`${protobuf};as=Table;v=v1;g=meta.k8s.io`, 'text/plain']) {
      const res = await fetch(`${kapi.url}${dbs}`, { headers: { accept } });
      expect(res.status, accept).to.equal(406);
      expect(res.headers.get('content-type')).to.equal('application/json');
      expect(await res.json()).to.deep.include({ reason: 'NotAcceptable', message: notAcceptable, code: 406 });
    }
  });

  it("refuses a protobuf body with 415 and kube's message, storing nothing", async () => {
    const body = Buffer.from('6b3873000a00', 'hex');
    const res = await fetch(`${kapi.url}${dbs}`, { method: 'POST', headers: { accept: 'application/json', 'content-type': protobuf }, body });
    expect(res.status).to.equal(415);
    expect(await res.json()).to.deep.include({
      reason: 'UnsupportedMediaType',
      code: 415,
      message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    });
    const patch = await fetch(`${kapi.url}${dbs}/db1`, { method: 'PATCH', headers: { accept: 'application/json', 'content-type': protobuf }, body });
    expect(patch.status).to.equal(415);
    const list = (await (await fetch(`${kapi.url}${dbs}`)).json()) as { items: unknown[] };
    expect(list.items).to.have.length(1);
  });
});
