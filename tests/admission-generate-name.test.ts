import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import { eventually } from './support/eventually';

/**
 * The name an admission Forbidden gives a generateName create, as kube-apiserver v1.32.4 answers
 * (checked against the real binary): a validating plugin (ResourceQuota) runs after the name is
 * generated and names it. (A mutating plugin names the generateName: admission/errors.test.ts.)
 */
describe('admission Forbidden names for generateName creates', function () {
  this.timeout(60_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer({ controllers: [] });
  });
  after(() => server?.close());

  const call = async (method: string, path: string, body: unknown, contentType = 'application/json') => {
    const res = await fetch(server.url + path, { method, dispatcher: new Agent({ connect: server.tls }), headers: { 'Content-Type': contentType }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { message?: string; details?: { name?: string }; metadata?: { name?: string } } };
  };

  it('a validating plugin names the generated name', async () => {
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'quota' } });
    await call('POST', '/api/v1/namespaces/quota/resourcequotas', { metadata: { name: 'cms' }, spec: { hard: { 'count/configmaps': '0' } } });
    // Without the quota controller the status is set by hand, as the real check did.
    await call(
      'PATCH',
      '/api/v1/namespaces/quota/resourcequotas/cms/status',
      { status: { hard: { 'count/configmaps': '0' }, used: { 'count/configmaps': '0' } } },
      'application/merge-patch+json',
    );
    const refused = await eventually(async () => {
      const r = await call('POST', '/api/v1/namespaces/quota/configmaps', { metadata: { generateName: 'cm-' } });
      expect(r.status).to.equal(403);
      return r;
    });
    const name = refused.body.details?.name ?? '';
    expect(name).to.match(/^cm-[a-z0-9]{5}$/);
    expect(refused.body.message).to.equal(
      `configmaps "${name}" is forbidden: exceeded quota: cms, requested: count/configmaps=1, used: count/configmaps=0, limited: count/configmaps=0`,
    );
  });
});
