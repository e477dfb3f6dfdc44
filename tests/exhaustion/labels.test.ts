import { expect } from 'chai';
import { startKapi, type KapiProcess } from '../support/kapi-process';
import { timedGet } from './raw-client';

const cms = '/api/v1/namespaces/default/configmaps';
type Status = { kind: string; code: number; reason: string; message: string; details?: { causes?: { field: string; message: string }[] } };

async function create(url: string, body: unknown): Promise<{ status: number; body: Status; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}${cms}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Status, ms: performance.now() - started };
}

/** Issue 20, exhaustion: huge label sets and label values, validated as kube-apiserver does and served promptly. */
describe('exhaustion: huge label sets', function () {
  this.timeout(60_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(() => kapi?.stop());

  it('20,000 labels are stored, selected by, and listed within bounds', async () => {
    const labels = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`example.com/key-${i}`, `value-${i}`]));
    const r = await create(kapi.url, { metadata: { name: 'many-labels', labels } });
    expect(r.status).to.equal(201);
    expect(r.ms).to.be.below(5000);
    const selector = encodeURIComponent(Array.from({ length: 2000 }, (_, i) => `example.com/key-${i * 10}=value-${i * 10}`).join(','));
    const list = await fetch(`${kapi.url}${cms}?labelSelector=${selector}`);
    expect(list.status).to.equal(200);
    const items = ((await list.json()) as { items: { metadata: { name: string } }[] }).items;
    expect(items.map((i) => i.metadata.name)).to.deep.equal(['many-labels']);
    expect((await timedGet(`${kapi.url}/readyz`)).ms).to.be.below(3000);
  });

  it("a label value over 63 characters and a 300 KiB annotation are 422 with kube's messages", async () => {
    const value = 'v'.repeat(64 * 1024);
    const r = await create(kapi.url, { metadata: { name: 'huge-value', labels: { ok: 'yes', big: value } } });
    expect(r.status).to.equal(422);
    expect(r.body.reason).to.equal('Invalid');
    expect(r.body.message).to.equal(`ConfigMap "huge-value" is invalid: metadata.labels: Invalid value: "${value}": must be no more than 63 characters`);
    const key = `${'k'.repeat(64)}`;
    const badKey = await create(kapi.url, { metadata: { name: 'huge-key', labels: { [key]: 'v' } } });
    expect(badKey.status).to.equal(422);
    expect(badKey.body.message).to.equal(`ConfigMap "huge-key" is invalid: metadata.labels: Invalid value: "${key}": name part must be no more than 63 characters`);
    const annotated = await create(kapi.url, { metadata: { name: 'huge-annotation', annotations: { a: 'x'.repeat(300 * 1024) } } });
    expect(annotated.status).to.equal(422);
    expect(annotated.body.message).to.match(/^ConfigMap "huge-annotation" is invalid: metadata\.annotations: Too long: /);
  });

  it('20,000 invalid labels are one 422 listing every cause, answered promptly', async () => {
    const labels = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`bad key ${i}`, 'v']));
    const r = await create(kapi.url, { metadata: { name: 'bad-labels', labels } });
    expect(r.status).to.equal(422);
    expect(r.body.details?.causes).to.have.length.of.at.least(20_000);
    expect(r.ms).to.be.below(5000);
  });
});
