import { expect } from 'chai';
import { readJSON } from './support/http';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** OpenAPI v2/v3 and aggregated discovery over a real socket, and the kubectl commands that read them. */
describe('OpenAPI and aggregated discovery', function () {
  this.timeout(120_000);
  let kapi: KapiProcess;
  before(async () => {
    kapi = await startKapi(['--storage-backend', 'memory']);
  });
  after(async () => {
    await kapi.stop();
  });

  it('/openapi/v3 lists each group-version with a content hash; the hashed URL serves it with ETag and 304', async () => {
    const index = await readJSON(await fetch(`${kapi.url}/openapi/v3`));
    const core = index.paths['api/v1'].serverRelativeURL as string;
    expect(core).to.match(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(index.paths).to.have.property('apis/apps/v1');
    const res = await fetch(kapi.url + core);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('public, immutable');
    const etag = res.headers.get('etag')!;
    const doc = await readJSON(res);
    expect(doc.openapi).to.equal('3.0.0');
    expect(doc.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch.parameters.map((p: { name: string }) => p.name)).to.include('fieldValidation');
    const again = await fetch(kapi.url + core, { headers: { 'If-None-Match': etag } });
    expect(again.status).to.equal(304);
  });

  it('/openapi/v2 answers JSON, and 406 to a client that accepts only protobuf', async () => {
    const json = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: 'application/json' } });
    expect(json.status).to.equal(200);
    const doc = await readJSON(json);
    expect(doc.swagger).to.equal('2.0');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    const pb = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(pb.status).to.equal(406);
  });

  it('/apis answers aggregated discovery with the exact Content-Type when asked, legacy JSON otherwise', async () => {
    const agg = await fetch(`${kapi.url}/apis`, { headers: { Accept: `${AGGREGATED},application/json` } });
    expect(agg.headers.get('content-type')).to.equal(AGGREGATED);
    const list = await readJSON(agg);
    expect(list.kind).to.equal('APIGroupDiscoveryList');
    const apps = list.items.find((g: { metadata: { name: string } }) => g.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((r: { resource: string }) => r.resource === 'deployments');
    expect(deployments).to.include({ scope: 'Namespaced', singularResource: 'deployment' });
    expect(deployments.shortNames).to.deep.equal(['deploy']);
    expect(deployments.subresources.map((s: { subresource: string }) => s.subresource)).to.include.members(['scale', 'status']);
    const again = await fetch(`${kapi.url}/apis`, { headers: { Accept: AGGREGATED, 'If-None-Match': agg.headers.get('etag')! } });
    expect(again.status).to.equal(304);
    const legacy = await readJSON(await fetch(`${kapi.url}/apis`, { headers: { Accept: 'application/json' } }));
    expect(legacy.kind).to.equal('APIGroupList');
  });

  it('kubectl api-resources prints the served resources as kube-apiserver does', async () => {
    const out = await kubectlOk(kapi.url, ['api-resources', '--no-headers']);
    const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' '));
    expect(rows).to.include.members([
      'configmaps cm v1 true ConfigMap',
      'namespaces ns v1 false Namespace',
      'secrets v1 true Secret',
      'deployments deploy apps/v1 true Deployment',
    ]);
  });

  it('kubectl explain reads descriptions and field types from OpenAPI v3', async () => {
    const cm = await kubectlOk(kapi.url, ['explain', 'configmaps']);
    expect(cm).to.match(/^KIND:\s+ConfigMap\nVERSION:\s+v1\n/);
    expect(cm).to.match(/data\t<map\[string\]string>/);
    const spec = await kubectlOk(kapi.url, ['explain', 'deployments.spec']);
    expect(spec).to.match(/GROUP:\s+apps/);
    expect(spec).to.match(/template\t<PodTemplateSpec> -required-/);
    const ports = await kubectlOk(kapi.url, ['explain', 'deployments.spec.template.spec.containers.ports']);
    expect(ports).to.match(/containerPort\t<integer> -required-/);
    const rollingUpdate = await kubectlOk(kapi.url, ['explain', 'deployments.spec.strategy.rollingUpdate']);
    expect(rollingUpdate).to.match(/maxSurge\t<IntOrString>/);
    const resources = await kubectlOk(kapi.url, ['explain', 'pods.spec.containers.resources']);
    expect(resources).to.match(/limits\t<map\[string\]Quantity>/);
    const missing = await kubectl(kapi.url, ['explain', 'configmaps.nosuchfield']);
    expect(missing.code).to.equal(1);
  });
});
