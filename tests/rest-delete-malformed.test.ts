import { expect } from 'chai';
import { startKapi, type KapiProcess } from './support/kapi-process';

type Status = { kind: string; code: number; reason: string; message: string };

/**
 * Issue 20, bug (2): malformed DELETE requests on collections (and single objects) are answered with
 * kube-apiserver's Status — 400 for a body its decoder refuses, 422 for invalid DeleteOptions — never 500.
 */
describe('REST: malformed deletes never answer 500', function () {
  this.timeout(120_000);
  let k: KapiProcess;
  before(async () => {
    k = await startKapi();
  });
  after(() => k.stop());

  const del = async (path: string, body?: string) => {
    const r = await fetch(`${k.url}${path}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body });
    return { status: r.status, body: (await r.json()) as Status };
  };

  it('a DeleteOptions dryRun that is a string, not a list, is 400 with the decoder message, on a collection and an object (was 500)', async () => {
    await fetch(`${k.url}/api/v1/namespaces/default/services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'keep' }, spec: { ports: [{ port: 80 }] } }),
    });
    const r = await del('/api/v1/namespaces/default/services', '{"dryRun":"All"}');
    expect(r.status).to.equal(400);
    expect(r.body).to.include({ kind: 'Status', reason: 'BadRequest', message: 'json: cannot unmarshal string into Go struct field DeleteOptions.dryRun of type []string' });
    const one = await del('/api/v1/namespaces/default/services/keep', '{"dryRun":"All"}');
    expect(one.status).to.equal(400);
    expect((await fetch(`${k.url}/api/v1/namespaces/default/services/keep`)).status).to.equal(200);
  });

  it('fields of the wrong JSON type are 400 naming the Go field and type', async () => {
    const cases: [string, string][] = [
      ['{"gracePeriodSeconds":"5"}', 'json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64'],
      ['{"gracePeriodSeconds":1.5}', 'json: cannot unmarshal number 1.5 into Go struct field DeleteOptions.gracePeriodSeconds of type int64'],
      ['{"preconditions":"x"}', 'json: cannot unmarshal string into Go struct field DeleteOptions.preconditions of type v1.Preconditions'],
      ['{"preconditions":{"uid":5}}', 'json: cannot unmarshal number into Go struct field DeleteOptions.preconditions.uid of type types.UID'],
      ['{"orphanDependents":"yes"}', 'json: cannot unmarshal string into Go struct field DeleteOptions.orphanDependents of type bool'],
      ['{"propagationPolicy":5}', 'json: cannot unmarshal number into Go struct field DeleteOptions.propagationPolicy of type v1.DeletionPropagation'],
      ['{"dryRun":[5]}', 'json: cannot unmarshal array into Go struct field DeleteOptions.dryRun of type []string'],
    ];
    for (const [body, message] of cases) {
      const r = await del('/api/v1/namespaces/default/configmaps', body);
      expect(r.status, body).to.equal(400);
      expect(r.body.message, body).to.equal(message);
    }
  });

  it('null fields are Go nil: the delete proceeds', async () => {
    const r = await del('/api/v1/namespaces/default/configmaps', '{"dryRun":null,"preconditions":null,"gracePeriodSeconds":null}');
    expect(r.status).to.equal(200);
  });

  it('a battery of odd selectors, options and bodies on every collection gets no 5xx', async () => {
    const paths = [
      '/api/v1/namespaces/default/services',
      '/api/v1/namespaces/default/configmaps',
      '/api/v1/namespaces/default/pods',
      '/api/v1/namespaces/default/secrets',
      '/apis/apps/v1/namespaces/default/deployments',
      '/api/v1/nodes',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles',
    ];
    const queries = [
      '',
      'labelSelector=a%3D%3D',
      'labelSelector=a+in+(',
      'fieldSelector=spec.x%3Dy',
      'fieldSelector=metadata.name',
      'dryRun=Foo',
      'propagationPolicy=Nope',
      'gracePeriodSeconds=abc',
      'gracePeriodSeconds=1e400',
      'orphanDependents=maybe',
      'limit=-1',
      'continue=garbage',
      'resourceVersion=abc',
      'resourceVersionMatch=Exact',
      'resourceVersion=1&resourceVersionMatch=Bogus',
    ];
    const bodies = [
      undefined,
      '{',
      'null',
      '[]',
      '5',
      '{"kind":"Pod"}',
      '{"kind":5}',
      '{"dryRun":"X"}',
      '{"dryRun":[null]}',
      '{"preconditions":[]}',
      '{"preconditions":{"uid":"x","resourceVersion":"abc"}}',
      '{"propagationPolicy":"X"}',
      '{"orphanDependents":true,"propagationPolicy":"Background"}',
      '{"gracePeriodSeconds":-1,"dryRun":["All"]}',
      '{"__proto__":{"dryRun":"All"}}',
    ];
    const failures: string[] = [];
    for (const p of paths) {
      for (const q of queries) {
        for (const b of bodies) {
          const r = await fetch(`${k.url}${p}?${q}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: b });
          const text = await r.text();
          // 504 is kube's answer to a resourceVersion the store has not reached; everything else must be a 2xx or 4xx.
          if (r.status >= 500 && r.status !== 504) failures.push(`${r.status} DELETE ${p}?${q} ${b ?? ''}: ${text.slice(0, 160)}`);
        }
      }
    }
    expect(failures).to.deep.equal([]);
  });
});
