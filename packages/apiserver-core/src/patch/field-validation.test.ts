import { expect } from 'chai';
import { SchemaRegistry } from '../schema/schema-registry';
import { findDuplicateFields } from './duplicate-fields';
import { applyFieldValidation, comparePaths, fieldValidationOf, type FieldValidationDirective } from './field-validation';
import { decodeAsGo } from './go-decoding';

describe('field validation and pruning', () => {
  const schemas = new SchemaRegistry();
  schemas.add(
    { gvk: { group: '', version: 'v1', kind: 'ConfigMap' }, definition: 'io.k8s.api.core.v1.ConfigMap' },
    { gvk: { group: 'apps', version: 'v1', kind: 'Deployment' }, definition: 'io.k8s.api.apps.v1.Deployment' },
    {
      gvk: { group: 'example.com', version: 'v1', kind: 'Widget' },
      definition: 'com.example.v1.Widget',
      definitions: {
        'com.example.v1.Widget': {
          type: 'object',
          properties: {
            metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
            spec: { type: 'object', properties: { size: { type: 'integer' } } },
            extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
      },
    },
  );
  const configMap = 'io.k8s.api.core.v1.ConfigMap';
  const deployment = 'io.k8s.api.apps.v1.Deployment';
  const widget = 'com.example.v1.Widget';
  const pruneUnknownFields = (obj: unknown, definition: string) => decodeAsGo(obj, definition, schemas).unknown;
  const validateAndPrune = (definition: string, obj: unknown, directive: FieldValidationDirective, duplicates?: string[], prefix?: string) =>
    applyFieldValidation(pruneUnknownFields(obj, definition), directive, duplicates, prefix);

  it('reports unknown fields by path, nested lists included, and prunes them', () => {
    const obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', lables: { a: 'b' }, uid: 'u', creationTimestamp: '2024-01-01T00:00:00Z' },
      spec: {
        replicaz: 3,
        template: {
          spec: {
            containers: [
              { name: 'c', image: 'i' },
              { name: 'd', imagee: 'x', ports: [{ containerPort: 80, prot: 'TCP' }] },
            ],
          },
        },
      },
    };
    const unknown = pruneUnknownFields(obj, deployment);
    expect(unknown).to.deep.equal(['metadata.lables', 'spec.replicaz', 'spec.template.spec.containers[1].imagee', 'spec.template.spec.containers[1].ports[0].prot']);
    expect(obj.metadata).to.deep.equal({ name: 'd', uid: 'u', creationTimestamp: '2024-01-01T00:00:00Z' });
    expect(obj.spec.template.spec.containers[1]).to.deep.equal({ name: 'd', ports: [{ containerPort: 80 }] });
  });

  it('keeps map keys and fields below x-kubernetes-preserve-unknown-fields', () => {
    const obj = { metadata: { name: 'w', annotations: { anything: 'x' } }, spec: { size: 1, colour: 'red' }, extra: { free: { form: true } } };
    expect(pruneUnknownFields(obj, widget)).to.deep.equal(['spec.colour']);
    expect(obj.extra).to.deep.equal({ free: { form: true } });
    expect(obj.metadata.annotations).to.deep.equal({ anything: 'x' });
  });

  it('Strict fails with a 400 listing every duplicate and unknown field', () => {
    const obj = { data: { a: '1' }, dta: {}, metadata: { nam: 'x' } };
    expect(() => validateAndPrune(configMap, obj, 'Strict', ['data'], 'ConfigMap in version "v1" cannot be handled as a ConfigMap: '))
      .to.throw('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data", unknown field "dta", unknown field "metadata.nam"')
      .with.property('code', 400);
  });

  it('Warn returns one warning per field and prunes; Ignore prunes silently', () => {
    const warned = { dta: {}, data: {} };
    expect(validateAndPrune(configMap, warned, 'Warn').warnings).to.deep.equal(['unknown field "dta"']);
    expect(warned).to.deep.equal({ data: {} });
    const ignored = { dta: {} };
    expect(validateAndPrune(configMap, ignored, 'Ignore').warnings).to.deep.equal([]);
    expect(ignored).to.deep.equal({});
  });

  it('reads the fieldValidation directive, Warn by default, 400 for anything else', () => {
    expect(fieldValidationOf({})).to.equal('Warn');
    expect(fieldValidationOf({ fieldValidation: 'Strict' })).to.equal('Strict');
    expect(() => fieldValidationOf({ fieldValidation: 'strict' }))
      .to.throw()
      .with.property('code', 400);
  });

  it('finds duplicate keys in JSON text by path', () => {
    const text = '{"metadata":{"name":"a","name":"b"},"spec":{"containers":[{"name":"x","image":"i","image":"j"}]},"data":{},"data":{"k":"v"}}';
    expect(findDuplicateFields(text)).to.deep.equal(['metadata.name', 'spec.containers[0].image', 'data']);
    expect(findDuplicateFields('kind: ConfigMap\nkind: ConfigMap\n')).to.deep.equal([]);
    expect(findDuplicateFields('{"a":"x\\"y","b":[1,2,{"c":null}]}')).to.deep.equal([]);
  });
});

describe('type errors', () => {
  const schemas = new SchemaRegistry();
  const findTypeError = (obj: unknown, definition: string) => decodeAsGo(obj, definition, schemas).typeError;
  it('names the innermost struct, the field path without indices and the Go type, as Go decoding does', () => {
    expect(findTypeError({ immutable: 'yes' }, 'io.k8s.api.core.v1.ConfigMap')).to.equal('json: cannot unmarshal string into Go struct field ConfigMap.immutable of type bool');
    expect(findTypeError({ metadata: { labels: { a: 1 } } }, 'io.k8s.api.core.v1.ConfigMap')).to.equal(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
    expect(findTypeError({ spec: { template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } } } }, 'io.k8s.api.apps.v1.Deployment')).to.equal(
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
    expect(findTypeError({ spec: { template: { spec: { containers: {} } } } }, 'io.k8s.api.apps.v1.Deployment')).to.equal(
      'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    );
  });

  it('takes integer widths from the published formats, and any JSON for a RawExtension', () => {
    expect(findTypeError({ metadata: { generation: '2' } }, 'io.k8s.api.core.v1.ConfigMap')).to.equal(
      'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.generation of type int64',
    );
    expect(findTypeError({ spec: { replicas: true } }, 'io.k8s.api.apps.v1.Deployment')).to.equal(
      'json: cannot unmarshal bool into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    for (const data of ['text', 3, [1], { any: { thing: true } }]) {
      expect(findTypeError({ data, revision: 1 }, 'io.k8s.api.apps.v1.ControllerRevision'), JSON.stringify(data)).to.equal(undefined);
    }
  });

  it('accepts numbers for quantities and int-or-string, and null anywhere', () => {
    const ok = {
      spec: {
        replicas: null,
        strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
        template: { spec: { containers: [{ name: 'a', resources: { limits: { cpu: 1, memory: '1Gi' } } }] } },
      },
    };
    expect(findTypeError(ok, 'io.k8s.api.apps.v1.Deployment')).to.equal(undefined);
  });
});

describe('decoding as Go in one walk', () => {
  const schemas = new SchemaRegistry();
  const deployment = 'io.k8s.api.apps.v1.Deployment';
  const body = (port: unknown) => ({
    metadata: { name: 'd', labels: { a: null }, lables: {} },
    spec: {
      replicaz: 1,
      template: { spec: { containers: [null, { name: 'c', args: ['x', null], imagee: 'i', ports: [{ containerPort: port, prot: 'TCP' }] }] } },
    },
  });

  it('zeroes null items and map values and prunes unknown fields of the same object', () => {
    const obj = body(80);
    expect(decodeAsGo(obj, deployment, schemas)).to.deep.equal({
      unknown: ['metadata.lables', 'spec.replicaz', 'spec.template.spec.containers[1].imagee', 'spec.template.spec.containers[1].ports[0].prot'],
    });
    expect(obj).to.deep.equal({
      metadata: { name: 'd', labels: { a: '' } },
      spec: { template: { spec: { containers: [{}, { name: 'c', args: ['x', ''], ports: [{ containerPort: 80 }] }] } } },
    });
  });

  it('reports a type error found after unknown fields and nulls, as the whole-object check did', () => {
    expect(decodeAsGo(body('80'), deployment, schemas).typeError).to.equal(
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
  });
});

describe('timestamps decode as Go', () => {
  const schemas = new SchemaRegistry();
  // Figures from kube-apiserver v1.32.4: a Deployment's template creationTimestamp "2026-01-01T01:00:00.999+01:00" is stored as below.
  it('a metav1.Time keeps whole seconds in UTC; a MicroTime keeps its microseconds', () => {
    const deployment = {
      spec: { template: { metadata: { creationTimestamp: '2026-01-01T01:00:00.999+01:00' } } },
      status: { conditions: [{ type: 'Available', lastTransitionTime: '2026-01-01T00:00:00.123456Z' }] },
    };
    expect(decodeAsGo(deployment, 'io.k8s.api.apps.v1.Deployment', schemas)).to.deep.equal({ unknown: [] });
    expect(deployment.spec.template.metadata.creationTimestamp).to.equal('2026-01-01T00:00:00Z');
    expect(deployment.status.conditions[0].lastTransitionTime).to.equal('2026-01-01T00:00:00Z');
    const lease = { spec: { renewTime: '2026-01-01T00:00:00.123456Z' } };
    decodeAsGo(lease, 'io.k8s.api.coordination.v1.Lease', schemas);
    expect(lease.spec.renewTime).to.equal('2026-01-01T00:00:00.123456Z');
  });
});

describe('comparePaths', () => {
  it('orders paths as a walk over sorted keys does', () => {
    const paths = ['spec.template.spec.containers[10].x', 'spec.replicaz', 'spec.template.spec.containers[2].imagee', 'metadata.lables', 'spec.template.spec.containers[2].a'];
    expect(paths.sort(comparePaths)).to.deep.equal([
      'metadata.lables',
      'spec.replicaz',
      'spec.template.spec.containers[2].a',
      'spec.template.spec.containers[2].imagee',
      'spec.template.spec.containers[10].x',
    ]);
  });
});
