import { expect } from 'chai';
import { SchemaRegistry } from '../schema/schema-registry';
import { resourceSchemaOf, schemaValidation } from './schema-strategy';
import type { JSONSchemaProps } from './types';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    metadata: { type: 'object' },
    spec: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'integer', default: 2 } } },
  },
};

describe('schemaValidation', () => {
  it("prepare prunes, keeps the resource's meta fields, defaults, and reports what it pruned", () => {
    const v = schemaValidation(schema);
    const obj = { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'n', labels: { a: 'b' } }, spec: { a: 'x', c: 1 } };
    expect(v.prepare(obj)).to.deep.equal(['spec.c']);
    expect(obj).to.deep.equal({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'n', labels: { a: 'b' } }, spec: { a: 'x', b: 2 } });
    expect(v.validate(obj)).to.deep.equal([]);
    expect(v.validate({ spec: {} }).map(String)).to.deep.equal(['spec.a: Required value']);
  });
});

describe('resourceSchemaOf', () => {
  it('publishes the kind and its List, with metadata as ObjectMeta', () => {
    const rs = resourceSchemaOf({ group: 'x.dev', version: 'v1', kind: 'X' }, 'dev.x.v1.X', schema);
    const registry = new SchemaRegistry();
    registry.add(rs);
    const root = registry.schemaOfKind(rs.gvk);
    expect(root?.properties?.spec?.properties?.b).to.deep.equal({ type: 'integer', default: 2 });
    expect(root?.properties?.metadata?.$ref).to.equal('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(Object.keys(rs.definitions ?? {})).to.deep.equal(['dev.x.v1.X', 'dev.x.v1.XList']);
  });
});
