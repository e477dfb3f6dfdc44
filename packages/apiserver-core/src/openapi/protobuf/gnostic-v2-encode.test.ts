import { expect } from 'chai';
import { DiscoveryState } from '../../endpoints/discovery/discovery';
import { WireReader, WireType } from '../../runtime/protobuf/wire-reader';
import { SchemaRegistry } from '../../schema/schema-registry';
import { openAPIV2Document } from '../documents';
import { decodeOpenAPIV2Protobuf, extensionsOf, swaggerSchemaOf } from '../testing/gnostic-v2-decode';
import { encodeOpenAPIV2Protobuf } from './gnostic-v2-encode';
import type { J } from '../../util/loose-json';

/** The top-level field numbers of the bytes, read without the schema that wrote them. */
function topLevelFields(bytes: Uint8Array): number[] {
  const r = new WireReader(bytes);
  const seen: number[] = [];
  while (!r.done) {
    const { fieldNumber, wireType } = r.readTag();
    if (!seen.includes(fieldNumber)) seen.push(fieldNumber);
    r.skip(wireType as WireType);
  }
  return seen;
}

describe('OpenAPI v2 as gnostic protobuf', () => {
  const state = new DiscoveryState();
  state.addGroupVersion({ group: '', version: 'v1' }, [
    { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'] },
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['create', 'get', 'list', 'patch'] },
  ]);
  state.addGroupVersion({ group: 'apps', version: 'v1' }, [
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['create', 'get', 'patch'] },
  ]);
  const schemas = new SchemaRegistry();
  schemas.add({ gvk: { group: '', version: 'v1', kind: 'ConfigMap' }, definition: 'io.k8s.api.core.v1.ConfigMap' });
  schemas.add({ gvk: { group: 'apps', version: 'v1', kind: 'Deployment' }, definition: 'io.k8s.api.apps.v1.Deployment' });
  schemas.addBuiltin({ group: '', version: 'v1', kind: 'Namespace' });
  const json = openAPIV2Document(state, schemas) as J;
  const bytes = encodeOpenAPIV2Protobuf(json);
  const doc = decodeOpenAPIV2Protobuf(bytes) as J;

  it("writes gnostic's Document field numbers: swagger 1, info 2, paths 8, definitions 9, security 12, securityDefinitions 13", () => {
    expect(topLevelFields(bytes)).to.deep.equal([1, 2, 8, 9, 12, 13]);
    expect(doc.swagger).to.equal('2.0');
    expect(doc.info).to.deep.equal({ title: 'Kubernetes', version: 'v1.32.0' });
  });

  it('definitions decode back to the JSON schemas, vendor extensions included', () => {
    const byName = new Map((doc.definitions.additional_properties as J[]).map((d) => [d.name, d.value]));
    expect([...byName.keys()]).to.have.members(Object.keys(json.definitions));
    for (const name of [
      'io.k8s.api.core.v1.ConfigMap',
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.DeploymentSpec',
      'io.k8s.api.core.v1.Container',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    ]) {
      expect(swaggerSchemaOf(byName.get(name)), name).to.deep.equal(json.definitions[name]);
    }
  });

  it('keeps extensions as YAML text, as gnostic does, and readable as kube-openapi reads them', () => {
    const deployment = (doc.definitions.additional_properties as J[]).find((d) => d.name === 'io.k8s.api.apps.v1.Deployment')!.value;
    const gvk = deployment.vendor_extension.find((e: J) => e.name === 'x-kubernetes-group-version-kind');
    // kube-apiserver marshals the extension from a Go map: keys sorted.
    expect(gvk.value.yaml).to.equal('- group: apps\n  kind: Deployment\n  version: v1\n');
    const containers = (doc.definitions.additional_properties as J[])
      .find((d) => d.name === 'io.k8s.api.core.v1.PodSpec')!
      .value.properties.additional_properties.find((p: J) => p.name === 'containers').value;
    expect(extensionsOf(containers)).to.deep.equal({
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
  });

  it("a PATCH carries its GVK and fieldValidation as a query parameter, where kubectl's QueryParamVerifier looks", () => {
    const path = (doc.paths.path as J[]).find((p) => p.name === '/api/v1/namespaces/{name}')!.value;
    expect(extensionsOf(path.patch)).to.deep.equal({ 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: 'Namespace' } });
    const query = path.patch.parameters.map((p: J) => p.parameter.non_body_parameter?.query_parameter_sub_schema?.name).filter(Boolean);
    expect(query).to.include('fieldValidation');
    expect(path.patch.parameters[0].parameter.body_parameter).to.deep.equal({
      name: 'body',
      in: 'body',
      required: true,
      schema: { _ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' },
    });
    expect(path.parameters.map((p: J) => Object.keys(p.parameter.non_body_parameter)[0])).to.deep.equal(['path_parameter_sub_schema', 'query_parameter_sub_schema']);
    expect(path.patch.responses.response_code[0]).to.deep.equal({
      name: '200',
      value: { response: { description: 'OK', schema: { schema: { _ref: '#/definitions/io.k8s.api.core.v1.Namespace' } } } },
    });
  });

  it('security: the BearerToken API key and the requirement naming it', () => {
    expect(doc.security_definitions.additional_properties).to.deep.equal([
      { name: 'BearerToken', value: { api_key_security: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer Token authentication' } } },
    ]);
    expect(doc.security).to.deep.equal([{ additional_properties: [{ name: 'BearerToken', value: {} }] }]);
  });
});
