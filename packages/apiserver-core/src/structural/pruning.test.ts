import { expect } from 'chai';
import { applyDefaults } from './defaulting';
import { pruneUnknownFields } from './pruning';
import { typeShapeOf } from './type-shape';
import type { JSONSchemaProps } from './types';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        size: { type: 'string', default: 'medium' },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, weight: { type: 'integer', default: 1 } } } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', properties: { x: { type: 'string' } } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        opt: { type: 'string', default: 'on' },
        keepNull: { type: 'string', nullable: true },
        dropNull: { type: 'string' },
      },
    },
  },
};

describe('pruneUnknownFields', () => {
  it("drops what the schema does not specify and reports kube's sorted paths", () => {
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 'a' },
      extra: 1,
      spec: {
        size: 'big',
        unknown: true,
        items: [{ name: 'x', junk: 1 }],
        free: { anything: { goes: 1 }, known: { a: 'y', b: 'pruned' } },
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: '1', y: '2' }, status: {} },
        labels: { a: 'b' },
      },
    };
    const pruned = pruneUnknownFields(obj, schema, { isResourceRoot: true });
    expect(pruned).to.deep.equal(['extra', 'spec.free.known.b', 'spec.items[0].junk', 'spec.template.spec.y', 'spec.template.status', 'spec.unknown']);
    expect(obj).to.deep.equal({
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 'a' },
      spec: {
        size: 'big',
        items: [{ name: 'x' }],
        free: { anything: { goes: 1 }, known: { a: 'y' } },
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: '1' } },
        labels: { a: 'b' },
      },
    });
  });

  it('not at a resource root, top-level apiVersion/kind/metadata are dropped, silently as kube does', () => {
    const obj = { kind: 'x', spec: { kind: 'y' } };
    expect(pruneUnknownFields(obj, { type: 'object', properties: { spec: { type: 'object', properties: {} } } }, { isResourceRoot: false })).to.deep.equal(['spec.kind']);
    expect(obj).to.deep.equal({ spec: {} });
  });
});

describe('applyDefaults', () => {
  it('sets defaults top-down, into list items too, and replaces non-nullable nulls', () => {
    const obj: Record<string, unknown> = { spec: { items: [{ name: 'a' }, { name: 'b', weight: 5 }], opt: null, keepNull: null, dropNull: null } };
    applyDefaults(obj, schema);
    expect(obj).to.deep.equal({
      spec: {
        size: 'medium',
        items: [
          { name: 'a', weight: 1 },
          { name: 'b', weight: 5 },
        ],
        opt: 'on',
        keepNull: null,
      },
    });
  });

  it('a defaulted object is defaulted further below', () => {
    const s: JSONSchemaProps = { type: 'object', properties: { spec: { type: 'object', default: {}, properties: { a: { type: 'integer', default: 3 } } } } };
    const obj = {};
    applyDefaults(obj, s);
    expect(obj).to.deep.equal({ spec: { a: 3 } });
  });
});

describe('typeShapeOf', () => {
  it('carries list and map types and makes metadata ObjectMeta', () => {
    const shape = typeShapeOf({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' } } } },
            sel: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
            port: { 'x-kubernetes-int-or-string': true },
            tpl: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
      },
    });
    expect(shape.properties?.metadata).to.deep.equal({
      $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    });
    expect(shape.properties?.apiVersion.description).to.match(/^APIVersion defines the versioned schema of this representation of an object\./);
    expect(shape.properties?.kind.description).to.match(/^Kind is a string value representing the REST resource this object represents\./);
    const spec = shape.properties!.spec.properties!;
    expect(spec.ports['x-kubernetes-list-type']).to.equal('map');
    expect(spec.ports['x-kubernetes-list-map-keys']).to.deep.equal(['name']);
    expect(spec.sel['x-kubernetes-map-type']).to.equal('atomic');
    expect(spec.port['x-kubernetes-int-or-string']).to.equal(true);
    expect(spec.tpl.properties?.metadata).to.deep.equal({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
  });
});
