import { expect } from 'chai';
import fs from 'node:fs';
import { generatedOpenAPIFile } from '@kapi/apiserver-core';
import { decodeOpenAPIV2Protobuf, extensionsOf, swaggerSchemaOf } from '@kapi/apiserver-core/openapi/testing';
import { getJSON, readJSON, type Json } from './support/http';
import { startKapi, type KapiProcess } from './support/kapi-process';
import { kubectl, kubectlOk } from './support/kubectl';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const PROTOBUF_DEPRECATED = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

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

  it('/openapi/v2 answers JSON or gnostic protobuf by Accept, under one ETag; 406 to anything else', async () => {
    const json = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: 'application/json' } });
    expect(json.status).to.equal(200);
    expect(json.headers.get('content-type')).to.equal('application/json');
    const etag = json.headers.get('etag')!;
    const doc = await readJSON(json);
    expect(doc.swagger).to.equal('2.0');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    // client-go asks with the older name; the answer carries the current one, as kube-openapi's handler does.
    for (const accept of [PROTOBUF_DEPRECATED, PROTOBUF, `application/json;q=0.5,${PROTOBUF}`]) {
      const pb = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: accept } });
      expect(pb.status, accept).to.equal(200);
      expect(pb.headers.get('content-type'), accept).to.equal(PROTOBUF);
      expect(pb.headers.get('etag'), 'the ETag of the JSON (the answer varies by Accept)').to.equal(etag);
      expect(pb.headers.get('vary')).to.equal('Accept-Encoding, Accept');
    }
    const cached = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: PROTOBUF_DEPRECATED, 'If-None-Match': etag } });
    expect(cached.status).to.equal(304);
    const wildcard = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: '*/*' } });
    expect(wildcard.headers.get('content-type')).to.equal('application/json');
    await wildcard.arrayBuffer();
    const html = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: 'text/html' } });
    expect(html.status).to.equal(406);
    expect(await html.text()).to.equal('');
  });

  it('/openapi/v2 protobuf decodes to the JSON document: definitions, extensions, the PATCH kubectl looks for', async () => {
    const doc = await getJSON(`${kapi.url}/openapi/v2`);
    const pb = decodeOpenAPIV2Protobuf(new Uint8Array(await (await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: PROTOBUF_DEPRECATED } })).arrayBuffer())) as Json;
    expect(pb.swagger).to.equal('2.0');
    const definitions = new Map((pb.definitions.additional_properties as Json[]).map((d) => [d.name, d.value]));
    expect([...definitions.keys()]).to.have.members(Object.keys(doc.definitions));
    for (const name of [
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.core.v1.PodSpec',
      'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
      'io.k8s.api.authentication.v1.TokenReview',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    ]) {
      expect(swaggerSchemaOf(definitions.get(name)), name).to.deep.equal(doc.definitions[name]);
    }
    const patch = (pb.paths.path as Json[]).find((p) => p.name === '/api/v1/namespaces/{name}')!.value.patch;
    expect(extensionsOf(patch)['x-kubernetes-group-version-kind']).to.deep.equal({ group: '', version: 'v1', kind: 'Namespace' });
    expect(patch.parameters.map((p: Json) => p.parameter.non_body_parameter?.query_parameter_sub_schema?.name)).to.include('fieldValidation');
  });

  it('/openapi/v2 is gzipped for a client that accepts it', async () => {
    // fetch inflates the body and leaves Content-Encoding as the server sent it.
    const gz = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: PROTOBUF_DEPRECATED, 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).to.equal('gzip');
    expect((decodeOpenAPIV2Protobuf(new Uint8Array(await gz.arrayBuffer())) as Json).swagger).to.equal('2.0');
    const plain = await fetch(`${kapi.url}/openapi/v2`, { headers: { Accept: 'application/json', 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).to.equal(null);
    expect((await readJSON(plain)).swagger).to.equal('2.0');
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
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).join(' '));
    expect(rows).to.include.members([
      'configmaps cm v1 true ConfigMap',
      'namespaces ns v1 false Namespace',
      'secrets v1 true Secret',
      'deployments deploy apps/v1 true Deployment',
    ]);
  });

  it("kubectl api-resources prints every resource as the pinned Kubernetes release's discovery has it", async () => {
    interface Discovered {
      resource: string;
      shortNames?: string[];
      scope: string;
      responseKind: { kind: string };
    }
    interface Legacy {
      name: string;
      shortNames?: string[];
      namespaced: boolean;
      kind: string;
    }
    const oracle = (file: string) => JSON.parse(fs.readFileSync(generatedOpenAPIFile(file), 'utf8'));
    const row = (name: string, shortNames: string[] | undefined, apiVersion: string, namespaced: boolean, kind: string) =>
      [name, (shortNames ?? []).join(','), apiVersion, String(namespaced), kind].filter(Boolean).join(' ');
    // kubectl api-resources lists each group's preferred (first) version; subresources are not listed.
    const kubeRows = new Map<string, string[]>([
      ['v1', (oracle('api__v1.json').resources as Legacy[]).filter((r) => !r.name.includes('/')).map((r) => row(r.name, r.shortNames, 'v1', r.namespaced, r.kind))],
      ...(oracle('aggregated_v2.json').items as { metadata: { name: string }; versions: { version: string; resources: Discovered[] }[] }[]).map((g): [string, string[]] => {
        const gv = `${g.metadata.name}/${g.versions[0].version}`;
        return [gv, g.versions[0].resources.map((r) => row(r.resource, r.shortNames, gv, r.scope === 'Namespaced', r.responseKind.kind))];
      }),
    ]);
    const out = await kubectlOk(kapi.url, ['api-resources', '--no-headers']);
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).join(' '));
    expect(rows.length).to.be.greaterThan(20);
    for (const r of rows) {
      const apiVersion = r.split(' ').find((w) => w === 'v1' || w.includes('/'))!;
      expect(kubeRows.get(apiVersion), `${r}: a group-version Kubernetes serves`).to.not.equal(undefined);
      expect(kubeRows.get(apiVersion), r).to.include(r);
    }
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
