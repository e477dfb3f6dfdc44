import { expect } from 'chai';
import { DiscoveryState } from '../endpoints/discovery/discovery';
import { SchemaRegistry } from '../schema/schema-registry';
import { openAPIV2Document, openAPIV3Document } from './documents';

describe('OpenAPI documents', () => {
  const state = new DiscoveryState();
  state.addGroupVersion({ group: '', version: 'v1' }, [
    { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['create', 'get', 'list', 'patch'] },
  ]);
  state.addGroupVersion({ group: 'example.com', version: 'v1' }, [
    { name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: ['get', 'patch'] },
  ]);
  const schemas = new SchemaRegistry();
  schemas.add({ gvk: { group: '', version: 'v1', kind: 'ConfigMap' }, definition: 'io.k8s.api.core.v1.ConfigMap' });
  schemas.addBuiltin({ group: '', version: 'v1', kind: 'Namespace' });

  it('v3: the PATCH of each kind carries its GVK and the fieldValidation query parameter (what kubectl checks)', () => {
    const doc = openAPIV3Document({ group: '', version: 'v1' }, state, schemas) as any;
    const patch = doc.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).to.deep.equal({ group: '', version: 'v1', kind: 'ConfigMap' });
    expect(patch.operationId).to.equal('patchCoreV1NamespacedConfigMap');
    expect(patch.parameters.map((p: any) => `${p.in}:${p.name}`)).to.include('query:fieldValidation');
    expect(Object.keys(patch.requestBody.content)).to.include('application/strategic-merge-patch+json');
    expect(doc.paths['/api/v1/namespaces/{name}'].patch['x-kubernetes-group-version-kind'].kind).to.equal('Namespace');
    expect(doc.paths['/api/v1/configmaps'].get.operationId).to.equal('listCoreV1ConfigMapForAllNamespaces');
  });

  it('v3: components carry the kinds with descriptions and GVKs, refs with siblings as allOf', () => {
    const doc = openAPIV3Document({ group: '', version: 'v1' }, state, schemas) as any;
    const cm = doc.components.schemas['io.k8s.api.core.v1.ConfigMap'];
    expect(cm['x-kubernetes-group-version-kind']).to.deep.equal([{ group: '', version: 'v1', kind: 'ConfigMap' }]);
    expect(cm.description).to.match(/configuration data/);
    expect(cm.properties.metadata.allOf).to.deep.equal([{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }]);
    expect(doc.components.schemas).to.include.keys('io.k8s.api.core.v1.ConfigMapList', 'io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions');
  });

  it('v3: a kind without a schema still has paths and a free-form schema', () => {
    const doc = openAPIV3Document({ group: 'example.com', version: 'v1' }, state, schemas) as any;
    expect(doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'].patch['x-kubernetes-group-version-kind'].kind).to.equal('Widget');
    expect(doc.components.schemas['com.example.v1.Widget']['x-kubernetes-preserve-unknown-fields']).to.equal(true);
  });

  it('v2: one document with #/definitions refs and body parameters', () => {
    const doc = openAPIV2Document(state, schemas) as any;
    expect(doc.swagger).to.equal('2.0');
    const post = doc.paths['/api/v1/namespaces/{namespace}/configmaps'].post;
    expect(post.parameters[0]).to.deep.equal({ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' } });
    expect(doc.definitions['io.k8s.api.core.v1.ConfigMap'].properties.metadata.$ref).to.equal('#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(doc.paths).to.have.property('/apis/example.com/v1/namespaces/{namespace}/widgets/{name}');
  });
});
