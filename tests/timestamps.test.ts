import { expect } from 'chai';
import { Agent, fetch } from 'undici';
import type { KapiServer } from '@kapi/controlplane';
import { createTestServer } from './support/create-test-server';
import type { J } from '@kapi/apiserver-core';

/**
 * metav1.Time is whole seconds: kube-apiserver v1.32.4 stores a template's creationTimestamp sent as
 * "2026-01-01T01:00:00.999+01:00" as "2026-01-01T00:00:00Z"; a Lease's renewTime (a MicroTime) keeps
 * its microseconds.
 */
describe('timestamps of built-in kinds are stored as Go re-encodes them', function () {
  this.timeout(60_000);
  let server: KapiServer;
  before(async () => {
    server = await createTestServer({ controllers: [] });
  });
  after(() => server?.close());

  const call = async (method: string, path: string, body: unknown, contentType = 'application/json') => {
    const res = await fetch(server.url + path, { method, dispatcher: new Agent({ connect: server.tls }), headers: { 'Content-Type': contentType }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as J };
  };

  it('a metav1.Time loses its fraction and offset on create and on a status patch; a MicroTime keeps them', async () => {
    const created = await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      metadata: { name: 'times' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' }, creationTimestamp: '2026-01-01T01:00:00.999+01:00' }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    });
    expect(created.status).to.equal(201);
    expect(created.body.spec.template.metadata.creationTimestamp).to.equal('2026-01-01T00:00:00Z');
    const patched = await call(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/times/status',
      {
        status: {
          conditions: [
            { type: 'Available', status: 'True', lastTransitionTime: '2026-01-01T00:00:00.123456Z', lastUpdateTime: '2026-01-01T00:00:00.7Z', reason: 'R', message: 'm' },
          ],
        },
      },
      'application/merge-patch+json',
    );
    expect(patched.status).to.equal(200);
    expect(patched.body.status.conditions[0]).to.include({ lastTransitionTime: '2026-01-01T00:00:00Z', lastUpdateTime: '2026-01-01T00:00:00Z' });
    const lease = await call('POST', '/apis/coordination.k8s.io/v1/namespaces/default/leases', { metadata: { name: 'micro' }, spec: { renewTime: '2026-01-01T00:00:00.123456Z' } });
    expect(lease.status).to.equal(201);
    expect(lease.body.spec.renewTime).to.equal('2026-01-01T00:00:00.123456Z');
  });
});
