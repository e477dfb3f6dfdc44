import { expect } from 'chai';
import { call, startRestServer, type TestServer } from './rest-helpers';

type Status = { kind: string; code: number; reason: string; message: string };

/**
 * Immutability is checked with apiserver-core's semanticEqual, as kube compares decoded objects
 * (apiequality.Semantic.DeepEqual): a PUT that lists the same data in another key order is the same
 * object, and kube-apiserver accepts it. A comparison through JSON.stringify would refuse it.
 */
describe('REST: immutable fields compare by value, not by key order', function () {
  this.timeout(60_000);
  let s: TestServer;
  before(async () => {
    s = await startRestServer();
  });
  after(() => s.stop());

  for (const [resource, kind, data] of [
    ['configmaps', 'ConfigMap', { alpha: 'one', beta: 'two', gamma: 'three' }],
    ['secrets', 'Secret', { alpha: 'b25l', beta: 'dHdv', gamma: 'dGhyZWU=' }],
  ] as const) {
    const path = `/api/v1/namespaces/default/${resource}`;

    it(`a PUT that reorders the data keys of an immutable ${kind} is accepted`, async () => {
      const created = await call<{ metadata: Record<string, unknown> }>(s.url, 'POST', path, {
        body: { apiVersion: 'v1', kind, metadata: { name: 'frozen' }, immutable: true, data },
      });
      expect(created.status).to.equal(201);
      // The same data, written in reverse key order, with labels changed (metadata stays mutable).
      const reordered = Object.fromEntries(Object.entries(data).reverse());
      const body =
        `{"apiVersion":"v1","kind":"${kind}","metadata":{"name":"frozen","labels":{"seen":"yes"},"resourceVersion":"${created.body.metadata.resourceVersion}"},` +
        `"immutable":true,"data":${JSON.stringify(reordered)}}`;
      const put = await call<{ metadata: { labels?: Record<string, string> }; data: Record<string, string> }>(s.url, 'PUT', `${path}/frozen`, { body });
      expect(put.status, put.text).to.equal(200);
      expect(put.body.metadata.labels).to.deep.equal({ seen: 'yes' });
      expect(put.body.data).to.deep.equal(data);
    });

    it(`a PUT that changes a value of an immutable ${kind} gets kube's 422`, async () => {
      const current = (await call<Record<string, unknown>>(s.url, 'GET', `${path}/frozen`)).body;
      const put = await call<Status>(s.url, 'PUT', `${path}/frozen`, { body: { ...current, data: { ...data, beta: data.alpha } } });
      expect(put.status).to.equal(422);
      expect(put.body.message).to.equal(`${kind} "frozen" is invalid: data: Forbidden: field is immutable when \`immutable\` is set`);
      expect((await call<{ data: Record<string, string> }>(s.url, 'GET', `${path}/frozen`)).body.data).to.deep.equal(data);
    });
  }
});
