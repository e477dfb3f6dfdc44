import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DiscoveryState } from '../endpoints/discovery/discovery';
import { SchemaRegistry } from '../schema/schema-registry';
import { refTo } from '../schema/types';
import { openAPIV2Document, openAPIV3Document } from './documents';
import type { J } from '../util/loose-json';

/** api/openapi-spec of the pinned k8s.io/kubernetes module (scripts/kube-version.env), the oracle. */
function kubeOpenAPISpecDir(): string {
  const pins = fs.readFileSync(path.join(__dirname, '../../../../scripts/kube-version.env'), 'utf8');
  const version = /^KUBE_VERSION=(\S+)$/m.exec(pins)![1];
  const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], { encoding: 'utf8', env: { ...process.env, GOWORK: 'off' } })) as {
    Dir: string;
  };
  return path.join(info.Dir, 'api', 'openapi-spec');
}

describe('OpenAPI documents', () => {
  const state = new DiscoveryState();
  state.addGroupVersion({ group: '', version: 'v1' }, [
    {
      name: 'configmaps',
      singularName: 'configmap',
      namespaced: true,
      kind: 'ConfigMap',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    },
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['create', 'get', 'list', 'patch'] },
  ]);
  state.addGroupVersion({ group: 'example.com', version: 'v1' }, [{ name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: ['get', 'patch'] }]);
  state.addGroupVersion({ group: 'apps', version: 'v1' }, [
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['create', 'get', 'list', 'patch', 'update'] },
  ]);
  state.addGroupVersion({ group: 'gadgets.example.com', version: 'v1' }, [
    { name: 'gadgets', singularName: 'gadget', namespaced: true, kind: 'Gadget', verbs: ['create', 'get', 'patch'] },
  ]);
  const schemas = new SchemaRegistry();
  schemas.add({ gvk: { group: '', version: 'v1', kind: 'ConfigMap' }, definition: 'io.k8s.api.core.v1.ConfigMap' });
  schemas.addBuiltin({ group: '', version: 'v1', kind: 'Namespace' });
  schemas.addBuiltin({ group: 'apps', version: 'v1', kind: 'Deployment' });
  schemas.add({
    gvk: { group: 'gadgets.example.com', version: 'v1', kind: 'Gadget' },
    definition: 'com.example.gadgets.v1.Gadget',
    definitions: {
      'com.example.gadgets.v1.Gadget': {
        type: 'object',
        properties: { metadata: refTo('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'), size: { type: 'string', default: 'medium' } },
      },
    },
  });

  it('v3: the PATCH of each kind carries its GVK and the fieldValidation query parameter (what kubectl checks)', () => {
    const doc = openAPIV3Document({ group: '', version: 'v1' }, state, schemas) as J;
    const patch = doc.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).to.deep.equal({ group: '', version: 'v1', kind: 'ConfigMap' });
    expect(patch.operationId).to.equal('patchCoreV1NamespacedConfigMap');
    expect(patch.parameters.map((p: J) => `${p.in}:${p.name}`)).to.include('query:fieldValidation');
    expect(Object.keys(patch.requestBody.content)).to.include('application/strategic-merge-patch+json');
    expect(doc.paths['/api/v1/namespaces/{name}'].patch['x-kubernetes-group-version-kind'].kind).to.equal('Namespace');
    expect(doc.paths['/api/v1/configmaps'].get.operationId).to.equal('listCoreV1ConfigMapForAllNamespaces');
  });

  it('v3: components carry the kinds with descriptions and GVKs, refs with siblings as allOf', () => {
    const doc = openAPIV3Document({ group: '', version: 'v1' }, state, schemas) as J;
    const cm = doc.components.schemas['io.k8s.api.core.v1.ConfigMap'];
    expect(cm['x-kubernetes-group-version-kind']).to.deep.equal([{ group: '', version: 'v1', kind: 'ConfigMap' }]);
    expect(cm.description).to.match(/configuration data/);
    expect(cm.properties.metadata.allOf).to.deep.equal([{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }]);
    expect(doc.components.schemas).to.include.keys(
      'io.k8s.api.core.v1.ConfigMapList',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
      'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
    );
  });

  it('v3: a kind without a schema still has paths and a free-form schema', () => {
    const doc = openAPIV3Document({ group: 'example.com', version: 'v1' }, state, schemas) as J;
    expect(doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'].patch['x-kubernetes-group-version-kind'].kind).to.equal('Widget');
    expect(doc.components.schemas['com.example.v1.Widget']['x-kubernetes-preserve-unknown-fields']).to.equal(true);
  });

  it('v2: one document with #/definitions refs and body parameters', () => {
    const doc = openAPIV2Document(state, schemas) as J;
    expect(doc.swagger).to.equal('2.0');
    const post = doc.paths['/api/v1/namespaces/{namespace}/configmaps'].post;
    expect(post.parameters[0]).to.deep.equal({ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' } });
    expect(doc.definitions['io.k8s.api.core.v1.ConfigMap'].properties.metadata.$ref).to.equal('#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(doc.paths).to.have.property('/apis/example.com/v1/namespaces/{namespace}/widgets/{name}');
  });

  it("built-in definitions are kube's own: v3 components as its v3 documents, v2 definitions as its swagger.json", () => {
    const spec = kubeOpenAPISpecDir();
    const kubeV3 = {
      ...JSON.parse(fs.readFileSync(path.join(spec, 'v3', 'api__v1_openapi.json'), 'utf8')).components.schemas,
      ...JSON.parse(fs.readFileSync(path.join(spec, 'v3', 'apis__apps__v1_openapi.json'), 'utf8')).components.schemas,
    };
    const kubeV2 = JSON.parse(fs.readFileSync(path.join(spec, 'swagger.json'), 'utf8')).definitions;
    const v3 = {
      ...(openAPIV3Document({ group: '', version: 'v1' }, state, schemas) as J).components.schemas,
      ...(openAPIV3Document({ group: 'apps', version: 'v1' }, state, schemas) as J).components.schemas,
    };
    const v2 = (openAPIV2Document(state, schemas) as J).definitions;
    const builtins = Object.keys(v2).filter((name) => schemas.isBuiltin(name));
    expect(builtins).to.include.members([
      'io.k8s.api.apps.v1.DeploymentSpec',
      'io.k8s.api.core.v1.PodSpec',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
    ]);
    for (const name of builtins) {
      expect(v2[name], `v2 ${name}`).to.deep.equal(kubeV2[name]);
      expect(v3[name], `v3 ${name}`).to.deep.equal(kubeV3[name]);
    }
  });

  it("v2 keeps a group's own defaults, as kube keeps a custom resource's", () => {
    const doc = openAPIV2Document(state, schemas) as J;
    expect(doc.definitions['com.example.gadgets.v1.Gadget'].properties.size).to.deep.equal({ type: 'string', default: 'medium' });
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment'].properties.spec).to.not.have.key('default');
  });
});
