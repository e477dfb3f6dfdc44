import { expect } from 'chai';
import { builtinDefinition, builtinDefinitionNames, INT_OR_STRING } from './builtin-definitions';
import { SchemaRegistry } from './schema-registry';
import type { SchemaObject } from './types';

/** Every schema node below a definition, depth first. */
function* nodes(s: SchemaObject): Generator<SchemaObject> {
  yield s;
  for (const child of [
    ...Object.values(s.properties ?? {}),
    s.items,
    typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined,
    ...(s.allOf ?? []),
    ...(s.oneOf ?? []),
  ]) {
    if (child) yield* nodes(child);
  }
}

describe('schemas from the OpenAPI of the Kubernetes release served', () => {
  it('holds the definitions of every group Kubernetes 1.32 serves, references in kapi form', () => {
    const names = builtinDefinitionNames();
    expect(names.length).to.be.greaterThan(600);
    for (const prefix of [
      'io.k8s.api.batch.v1.',
      'io.k8s.api.flowcontrol.v1.',
      'io.k8s.api.certificates.v1.',
      'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.',
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.',
    ]) {
      expect(
        names.some((n) => n.startsWith(prefix)),
        prefix,
      ).to.equal(true);
    }
    for (const name of names) {
      for (const node of nodes(builtinDefinition(name)!)) {
        // kube-openapi's allOf: [{$ref}] wrapper is unwrapped; refs point into #/components/schemas.
        if (node.allOf)
          expect(
            node.allOf.some((a) => a.$ref),
            name,
          ).to.equal(false);
        if (node.$ref) expect(node.$ref, name).to.match(/^#\/components\/schemas\/[\w.-]+$/);
      }
    }
  });

  it('has kinds kubernetes-types 1.30 lacked, with formats, defaults and list types (resource.k8s.io/v1beta1, coordination.k8s.io/v1alpha2)', () => {
    const schemas = new SchemaRegistry();
    expect(schemas.addBuiltin({ group: 'resource.k8s.io', version: 'v1beta1', kind: 'ResourceClaim' })).to.equal(true);
    expect(schemas.forKind({ group: 'resource.k8s.io', version: 'v1beta1', kind: 'ResourceClaim' })!.definition).to.equal('io.k8s.api.resource.v1beta1.ResourceClaim');
    const request = schemas.definition('io.k8s.api.resource.v1beta1.DeviceRequest')!;
    expect(request.properties!.count).to.include({ type: 'integer', format: 'int64' });
    expect(request.properties!.deviceClassName).to.include({ type: 'string', default: '' });
    expect(request.properties!.selectors['x-kubernetes-list-type']).to.equal('atomic');

    expect(schemas.addBuiltin({ group: 'coordination.k8s.io', version: 'v1alpha2', kind: 'LeaseCandidate' })).to.equal(true);
    const renewTime = schemas.definition('io.k8s.api.coordination.v1alpha2.LeaseCandidateSpec')!.properties!.renewTime;
    expect(schemas.resolve(renewTime)).to.include({ type: 'string', format: 'date-time' });
  });

  it('takes patch strategies and list types from the spec itself, no extension declared', () => {
    const schemas = new SchemaRegistry();
    const containers = schemas.definition('io.k8s.api.core.v1.PodSpec')!.properties!.containers;
    expect(containers).to.include({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map' });
    expect(containers['x-kubernetes-list-map-keys']).to.deep.equal(['name']);
    expect(containers.description).to.match(/containers/i);
    expect(schemas.definition('io.k8s.api.core.v1.PodSpec')!.properties!.volumes['x-kubernetes-patch-strategy']).to.equal('merge,retainKeys');
    expect(schemas.definition('io.k8s.api.apps.v1.DeploymentSpec')!.properties!.strategy['x-kubernetes-patch-strategy']).to.equal('retainKeys');
    expect(schemas.definition('io.k8s.api.core.v1.ServiceSpec')!.properties!.ports['x-kubernetes-list-map-keys']).to.deep.equal(['port', 'protocol']);
    expect(schemas.definition('io.k8s.api.core.v1.ServicePort')!.properties!.protocol.default).to.equal('TCP');
    expect(schemas.definition('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')!.properties!.finalizers).to.include({
      'x-kubernetes-list-type': 'set',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(schemas.definition(INT_OR_STRING)).to.include({ format: 'int-or-string' });
  });

  it('addBuiltin finds a kind by its x-kubernetes-group-version-kind in any group, not a plugin kind', () => {
    const schemas = new SchemaRegistry();
    const found = (group: string, version: string, kind: string) => {
      expect(schemas.addBuiltin({ group, version, kind }), `${group}/${version} ${kind}`).to.equal(true);
      return schemas.forKind({ group, version, kind })!.definition;
    };
    expect(found('batch', 'v1', 'CronJob')).to.equal('io.k8s.api.batch.v1.CronJob');
    expect(found('autoscaling', 'v2', 'HorizontalPodAutoscaler')).to.equal('io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler');
    expect(found('apiregistration.k8s.io', 'v1', 'APIService')).to.equal('io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService');
    expect(found('', 'v1', 'Pod')).to.equal('io.k8s.api.core.v1.Pod');
    expect(schemas.schemaOfKind({ group: 'batch', version: 'v1', kind: 'CronJob' })!.properties).to.include.keys('spec', 'status');
    expect(schemas.definition('io.k8s.api.batch.v1.CronJobList')!['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'batch', version: 'v1', kind: 'CronJobList' }]);
    expect(schemas.addBuiltin({ group: 'example.com', version: 'v1', kind: 'Widget' })).to.equal(false);
    expect(schemas.addBuiltin({ group: 'batch', version: 'v1', kind: 'Widget' })).to.equal(false);
  });

  it("layers a group's extensions and its kind's GVK over a built-in definition", () => {
    const schemas = new SchemaRegistry();
    schemas.add({
      gvk: { group: 'example.com', version: 'v1', kind: 'ConfigMap' },
      definition: 'io.k8s.api.core.v1.ConfigMap',
      extensions: { 'io.k8s.api.core.v1.ConfigMap': { data: { 'x-kubernetes-map-type': 'atomic' } } },
    });
    const cm = schemas.definition('io.k8s.api.core.v1.ConfigMap')!;
    expect(cm['x-kubernetes-group-version-kind']).to.deep.equal([
      { group: '', version: 'v1', kind: 'ConfigMap' },
      { group: 'example.com', version: 'v1', kind: 'ConfigMap' },
    ]);
    expect(cm.properties!.data['x-kubernetes-map-type']).to.equal('atomic');
    expect(cm.properties!.data.additionalProperties).to.deep.equal({ type: 'string', default: '' });
    expect(builtinDefinition('io.k8s.api.core.v1.ConfigMap')!.properties!.data['x-kubernetes-map-type'], 'the generated definition is not changed').to.equal(undefined);
  });

  it('collects the closure of referenced definitions', () => {
    const schemas = new SchemaRegistry();
    const defs = schemas.closure(['io.k8s.api.core.v1.ConfigMap']);
    expect(defs).to.include.keys('io.k8s.api.core.v1.ConfigMap', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry');
    expect(defs).to.not.have.key('io.k8s.api.core.v1.PodSpec');
  });
});
