import { expect } from 'chai';
import { startKapi, type KapiProcess } from './support/kapi-process';
import type { J } from '@kapi/apiserver-core';

/**
 * A JSON null inside a list or map of a built-in type decodes, in kube-apiserver, to the element's Go
 * zero value: a null container is a container without name or image (422), a null ConfigMap value or
 * label is "" (stored). kapi answered 500 from the pod defaulting before. Messages are kube-apiserver
 * v1.32.4's for the same requests.
 */
describe('REST: null list items and map values decode as kube-apiserver decodes them', function () {
  this.timeout(120_000);
  let k: KapiProcess;
  before(async () => {
    k = await startKapi();
  });
  after(() => k.stop());

  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${k.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as J };
  };

  it('a null container in a Deployment template is 422 naming its missing name and image', async () => {
    const r = await post('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [null] } } },
    });
    expect(r.status).to.equal(422);
    expect(r.body.message).to.equal(
      'Deployment.apps "d" is invalid: [spec.template.spec.containers[0].name: Required value, spec.template.spec.containers[0].image: Required value]',
    );
    expect((await fetch(`${k.url}/apis/apps/v1/namespaces/default/deployments/d`)).status).to.equal(404);
  });

  it('a null port in a Pod is 422 for its containerPort', async () => {
    const r = await post('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'i', args: [null], ports: [null] }] },
    });
    expect(r.status).to.equal(422);
    expect(r.body.message).to.equal('Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Required value');
  });

  it('a null ConfigMap value and label are stored as ""', async () => {
    const r = await post('/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { x: null } },
      data: { k: null },
    });
    expect(r.status).to.equal(201);
    expect(r.body.data).to.deep.equal({ k: '' });
    expect(r.body.metadata.labels).to.deep.equal({ x: '' });
  });
});
