import * as path from 'node:path';
import { expect } from 'chai';
import { generate, SchemaGenError } from './generate';
import { parseDocComment } from './markers';

describe('kapi-schema-gen', function () {
  this.timeout(60_000);

  it('splits a doc comment into its description and kubebuilder-style markers', () => {
    const doc = parseDocComment(
      'The colour.\nImmutable.\n\nSecond paragraph.\n+pattern=^(a|b)=c$\n+XValidation:rule="self == oldSelf",message="field is immutable, really"\n+subresource:status',
    );
    expect(doc.description).to.equal('The colour. Immutable.\n\nSecond paragraph.');
    expect(doc.markers).to.deep.equal([
      { name: 'pattern', value: '^(a|b)=c$' },
      { name: 'XValidation', args: { rule: 'self == oldSelf', message: 'field is immutable, really' } },
      { name: 'subresource:status' },
    ]);
  });

  it('maps records, scalar aliases, lists, unknown, null and explicit enums; names and scope from +resource', () => {
    const [r] = generate(path.join(__dirname, 'testdata/all-types.ts')).resources;
    expect({ ...r, structuralSchema: undefined }).to.deep.equal({
      group: 'samples.example.dev',
      version: 'v1beta1',
      kind: 'Sample',
      plural: 'samplez',
      singular: 'sample',
      scope: 'Cluster',
      shortNames: ['sm', 'smp'],
      printerColumns: [],
      structuralSchema: undefined,
    });
    expect(r.structuralSchema.properties?.spec).to.deep.equal({
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        ports: { type: 'array', items: { type: 'integer', format: 'int32' } },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set', maxItems: 3 },
        target: { 'x-kubernetes-int-or-string': true },
        anything: { 'x-kubernetes-preserve-unknown-fields': true },
        when: { type: 'string', format: 'date-time', nullable: true },
        level: { type: 'integer', format: 'int32', enum: [1, 2, 3] },
        enabled: { type: 'boolean', default: true },
        ratio: { type: 'number' },
      },
      required: ['enabled', 'ratio'],
    });
  });

  it('refuses what a kind cannot say, naming each field, instead of generating a schema that drops it', () => {
    let err: unknown;
    try {
      generate(path.join(__dirname, 'testdata/bad-types.ts'));
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(SchemaGenError);
    expect((err as Error).message.split('\n')).to.deep.equal([
      'Thing: +resource scope must be Namespaced or Cluster, not Everywhere',
      'Thing.spec.count: +minimum needs a number, got "lots"',
      'Thing.spec.shade: unknown marker +colour',
      'Thing.spec.either: a union must be of string literals (an enum); use IntOrString for int-or-string',
      'Thing: +printcolumn needs name=… and JSONPath=…',
    ]);
  });

  it("checks the generated schema as kube-apiserver checks a CRD's: a default must pass its own field's validation", () => {
    expect(() => generate(path.join(__dirname, 'testdata/bad-default.ts'))).to.throw(
      SchemaGenError,
      'Gadget: openAPIV3Schema.properties[spec].properties[mode].default: Unsupported value: "c": supported values: "a", "b"',
    );
  });
});
