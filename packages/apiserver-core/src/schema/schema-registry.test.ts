import { expect } from 'chai';
import { parseDeclarations } from './kubernetes-types-definitions';
import { SchemaRegistry } from './schema-registry';
import { INT_OR_STRING } from './kubernetes-types-definitions';

describe('schemas from kubernetes-types', () => {
  it('parses interfaces with descriptions, required fields, readonly fields, maps, arrays and references', () => {
    const defs = parseDeclarations(
      'core/v1',
      [
        'import { ObjectMeta } from "../meta/v1";',
        '/** A thing. */',
        'export interface Thing {',
        '    /** Its port. */',
        '    port: number | string;',
        '    readonly status?: string;',
        '    labels?: {',
        '        [name: string]: string;',
        '    };',
        '    items?: Array<Thing>;',
        '    metadata?: ObjectMeta;',
        '}',
      ].join('\n'),
    );
    const thing = defs['io.k8s.api.core.v1.Thing'];
    expect(thing.description).to.equal('A thing.');
    expect(thing.required).to.deep.equal(['port']);
    expect(thing.properties!.port).to.deep.equal({ $ref: `#/components/schemas/${INT_OR_STRING}`, description: 'Its port.' });
    expect(thing.properties!.status).to.deep.equal({ type: 'string' });
    expect(thing.properties!.labels).to.deep.equal({ type: 'object', additionalProperties: { type: 'string' } });
    expect(thing.properties!.items).to.deep.equal({ type: 'array', items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Thing' } });
    expect(thing.properties!.metadata).to.deep.equal({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
  });

  it('applies well-known and resource extensions and the kind GVK', () => {
    const schemas = new SchemaRegistry();
    schemas.add({
      gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
      definition: 'io.k8s.api.apps.v1.Deployment',
      extensions: { 'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { 'x-kubernetes-patch-strategy': 'retainKeys' } } },
    });
    expect(schemas.definition('io.k8s.api.apps.v1.Deployment')!['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(schemas.definition('io.k8s.api.apps.v1.DeploymentList')!['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'apps', version: 'v1', kind: 'DeploymentList' }]);
    expect(schemas.definition('io.k8s.api.apps.v1.DeploymentSpec')!.properties!.strategy['x-kubernetes-patch-strategy']).to.equal('retainKeys');
    const containers = schemas.definition('io.k8s.api.core.v1.PodSpec')!.properties!.containers;
    expect(containers['x-kubernetes-patch-merge-key']).to.equal('name');
    expect(containers['x-kubernetes-patch-strategy']).to.equal('merge');
    expect(containers.description).to.match(/containers/i);
    const meta = schemas.definition('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')!;
    expect(meta.properties).to.include.keys('uid', 'resourceVersion', 'creationTimestamp');
  });

  it('gives built-in kinds their kubernetes-types schema, not a plugin kind', () => {
    const schemas = new SchemaRegistry();
    expect(schemas.addBuiltin({ group: '', version: 'v1', kind: 'Pod' })).to.equal(true);
    expect(schemas.schemaOfKind({ group: '', version: 'v1', kind: 'Pod' })!.properties).to.include.keys('spec', 'status');
    expect(schemas.addBuiltin({ group: 'example.com', version: 'v1', kind: 'Widget' })).to.equal(false);
  });

  it('collects the closure of referenced definitions', () => {
    const schemas = new SchemaRegistry();
    const defs = schemas.closure(['io.k8s.api.core.v1.ConfigMap']);
    expect(defs).to.include.keys('io.k8s.api.core.v1.ConfigMap', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry');
    expect(defs).to.not.have.key('io.k8s.api.core.v1.PodSpec');
  });
});
