import { expect } from 'chai';
import { Path } from '../validation/field';
import { newSchemaValidator } from './schema-validator';
import type { JSONSchemaProps } from './types';

const messages = (schema: JSONSchemaProps, obj: unknown, old?: unknown) => {
  const v = newSchemaValidator(schema);
  return (old === undefined ? v.validate(obj) : v.validateUpdate(obj, old)).map(String);
};

const spec = (props: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}): JSONSchemaProps => ({
  type: 'object',
  properties: { spec: { type: 'object', properties: props, ...extra } },
});

describe('structural schema validator: OpenAPI keywords with kube-apiserver messages', () => {
  it('type: a wrong type names the JSON type it got', () => {
    expect(messages(spec({ replicas: { type: 'integer' } }), { spec: { replicas: 'three' } })).to.deep.equal([
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ]);
    expect(messages(spec({ ratio: { type: 'integer' } }), { spec: { ratio: 1.5 } })).to.deep.equal([
      'spec.ratio: Invalid value: "number": spec.ratio in body must be of type integer: "number"',
    ]);
    expect(messages(spec({ tags: { type: 'array', items: { type: 'string' } } }), { spec: { tags: [1] } })).to.deep.equal([
      'spec.tags[0]: Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"',
    ]);
  });

  it('an integer is a number; a null needs nullable', () => {
    expect(messages(spec({ w: { type: 'number' } }), { spec: { w: 3 } })).to.deep.equal([]);
    expect(messages(spec({ s: { type: 'string' } }), { spec: { s: null } })).to.deep.equal(['spec.s: Invalid value: "null": spec.s in body must be of type string: "null"']);
    expect(messages(spec({ s: { type: 'string', nullable: true } }), { spec: { s: null } })).to.deep.equal([]);
  });

  it('required, enum, pattern, lengths', () => {
    const s = spec({ size: { type: 'string', enum: ['small', 'large'] }, name: { type: 'string', pattern: '^[a-z]+$', minLength: 2, maxLength: 5 } }, { required: ['name'] });
    expect(messages(s, { spec: {} })).to.deep.equal(['spec.name: Required value']);
    expect(messages(s, { spec: { name: 'abc', size: 'huge' } })).to.deep.equal(['spec.size: Unsupported value: "huge": supported values: "small", "large"']);
    expect(messages(s, { spec: { name: 'toolong' } })).to.deep.equal(['spec.name: Too long: may not be more than 5 bytes']);
    expect(messages(s, { spec: { name: 'a' } })).to.deep.equal(['spec.name: Invalid value: "a": spec.name in body should be at least 2 chars long']);
    expect(messages(s, { spec: { name: 'AB' } })).to.deep.equal(['spec.name: Invalid value: "AB": spec.name in body should match \'^[a-z]+$\'']);
  });

  it('patterns are RE2 as in kube: linear time on a pattern that makes a backtracking engine hang, and RE2 syntax', () => {
    // JS's RegExp takes tens of seconds on this input; RE2 answers at once.
    const s = spec({ v: { type: 'string', pattern: '(a+)+$' }, w: { type: 'string', pattern: '^\\p{Greek}+$' } });
    const t0 = performance.now();
    expect(messages(s, { spec: { v: `${'a'.repeat(40)}!` } })).to.deep.equal([`spec.v: Invalid value: "${'a'.repeat(40)}!": spec.v in body should match '(a+)+$'`]);
    expect(performance.now() - t0).to.be.lessThan(1000);
    expect(messages(s, { spec: { w: 'αβγ' } })).to.deep.equal([]);
    // A lookahead is not RE2: the pattern is reported invalid with Go's message.
    const look = spec({ v: { type: 'string', pattern: '^(?=a).*$' } });
    expect(messages(look, { spec: { v: 'abc' } })).to.deep.equal([
      'spec.v: Invalid value: "abc": spec.v in body should match \'^(?=a).*$, but pattern is invalid: error parsing regexp: invalid or unsupported Perl syntax: `(?=`\'',
    ]);
  });

  it('numeric bounds print as Go does', () => {
    const s = spec({
      n: { type: 'integer', minimum: 1, maximum: 10 },
      x: { type: 'integer', maximum: 1000000, exclusiveMaximum: true },
      f: { type: 'number', minimum: 0.5, exclusiveMinimum: true, multipleOf: 0.5 },
      m: { type: 'integer', multipleOf: 3 },
    });
    expect(messages(s, { spec: { n: 11 } })).to.deep.equal(['spec.n: Invalid value: 11: spec.n in body should be less than or equal to 10']);
    expect(messages(s, { spec: { n: 0 } })).to.deep.equal(['spec.n: Invalid value: 0: spec.n in body should be greater than or equal to 1']);
    expect(messages(s, { spec: { x: 1000000 } })).to.deep.equal(['spec.x: Invalid value: 1000000: spec.x in body should be less than 1000000']);
    expect(messages(s, { spec: { f: 0.5 } })).to.deep.equal(['spec.f: Invalid value: 0.5: spec.f in body should be greater than 0.5']);
    expect(messages(s, { spec: { f: 1.25 } })).to.deep.equal(['spec.f: Invalid value: 1.25: spec.f in body should be a multiple of 0.5']);
    expect(messages(s, { spec: { m: 4 } })).to.deep.equal(['spec.m: Invalid value: 4: spec.m in body should be a multiple of 3']);
  });

  it('items and properties counts', () => {
    const s = spec({
      l: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
      o: { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 1, minProperties: 1 },
    });
    expect(messages(s, { spec: { l: ['a', 'b', 'c'] } })).to.deep.equal(['spec.l: Too many: 3: must have at most 2 items']);
    expect(messages(s, { spec: { l: [] } })).to.deep.equal(['spec.l: Invalid value: 0: spec.l in body should have at least 1 items']);
    expect(messages(s, { spec: { o: { a: 'x', b: 'y' } } })).to.deep.equal(['spec.o: Too many: 2: must have at most 1 items']);
    expect(messages(s, { spec: { o: {} } })).to.deep.equal(['spec.o: Invalid value: 0: spec.o in body should have at least 1 properties']);
    expect(messages(s, { spec: { o: { a: 1 } } })).to.deep.equal(['spec.o.a: Invalid value: "integer": spec.o.a in body must be of type string: "integer"']);
  });

  it('formats kube checks, and ignores the others', () => {
    const s = spec({
      when: { type: 'string', format: 'date-time' },
      id: { type: 'string', format: 'uuid' },
      d: { type: 'string', format: 'date' },
      b: { type: 'string', format: 'byte' },
      ip: { type: 'string', format: 'ipv4' },
      n: { type: 'integer', format: 'int32' },
      other: { type: 'string', format: 'made-up' },
    });
    expect(
      messages(s, {
        spec: { when: '2024-01-02T03:04:05Z', id: '123e4567-e89b-12d3-a456-426614174000', d: '2024-02-29', b: 'aGVsbG8=', ip: '10.0.0.1', n: 5000000000, other: 'x' },
      }),
    ).to.deep.equal([]);
    expect(messages(s, { spec: { when: 'yesterday' } })).to.deep.equal(['spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"']);
    expect(messages(s, { spec: { id: 'nope' } })).to.deep.equal(['spec.id: Invalid value: "nope": spec.id in body must be of type uuid: "nope"']);
    expect(messages(s, { spec: { d: '2023-02-29' } })).to.deep.equal(['spec.d: Invalid value: "2023-02-29": spec.d in body must be of type date: "2023-02-29"']);
    expect(messages(s, { spec: { b: 'not base64!' } })).to.deep.equal(['spec.b: Invalid value: "not base64!": spec.b in body must be of type byte: "not base64!"']);
  });

  it('int-or-string accepts both and names both types', () => {
    const s = spec({ port: { 'x-kubernetes-int-or-string': true } });
    expect(messages(s, { spec: { port: 80 } })).to.deep.equal([]);
    expect(messages(s, { spec: { port: 'http' } })).to.deep.equal([]);
    expect(messages(s, { spec: { port: true } })).to.deep.equal(['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']);
  });

  it('errors are placed below the given field path', () => {
    const v = newSchemaValidator({ type: 'object', properties: { a: { type: 'string' } } });
    expect(v.validate({ a: 1 }, Path.root('spec')).map(String)).to.deep.equal(['spec.a: Invalid value: "integer": a in body must be of type string: "integer"']);
  });
});

describe('structural schema validator: list types and embedded resources', () => {
  it('list-type set: a repeated item is a Duplicate value at its second occurrence', () => {
    const s = spec({ s: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } });
    expect(messages(s, { spec: { s: ['a', 'b', 'a', 'a'] } })).to.deep.equal(['spec.s[2]: Duplicate value: "a"']);
  });

  it('list-type map: a repeated key is a Duplicate value naming the key', () => {
    const s = spec({
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
      },
    });
    expect(
      messages(s, {
        spec: {
          ports: [
            { name: 'a', port: 1 },
            { name: 'a', port: 2 },
          ],
        },
      }),
    ).to.deep.equal(['spec.ports[1]: Duplicate value: {"name":"a"}']);
  });

  it('embedded resources need apiVersion and kind, and valid metadata', () => {
    const s = spec({ template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } });
    expect(messages(s, { spec: { template: { metadata: { labels: { 'bad key!': 'x' } } } } })).to.deep.equal([
      'spec.template.apiVersion: Required value: must not be empty',
      'spec.template.kind: Required value: must not be empty',
      "spec.template.metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(messages(s, { spec: { template: { apiVersion: 'v1', kind: 'Pod_x' } } })).to.deep.equal([
      "spec.template.kind: Invalid value: \"Pod_x\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(messages(s, { spec: { template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } } } })).to.deep.equal([]);
  });
});

describe('structural schema validator: ratcheting on update', () => {
  const blocked = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
  const s = spec({
    name: { type: 'string', maxLength: 3 },
    other: { type: 'string' },
    ports: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer', maximum: 10 } } },
    },
    tags: { type: 'array', items: { type: 'string', maxLength: 2 } },
    n: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self < 5' }] },
  });

  it('an unchanged invalid value passes; a changed one does not', () => {
    const old = { spec: { name: 'toolong', other: 'a', n: 9 } };
    expect(messages(s, { spec: { name: 'toolong', other: 'b', n: 9 } }, old)).to.deep.equal([]);
    expect(messages(s, { spec: { name: 'toolonger', other: 'b', n: 9 } }, old)).to.deep.equal(['spec.name: Too long: may not be more than 3 bytes', blocked]);
    expect(messages(s, { spec: { name: 'toolong', n: 8 } }, old)).to.deep.equal(['spec.n: Invalid value: "integer": failed rule: self < 5']);
  });

  it('list-map items ratchet by key, other list items do not', () => {
    const old = { spec: { ports: [{ name: 'a', port: 99 }], tags: ['long'] } };
    expect(
      messages(
        s,
        {
          spec: {
            ports: [
              { name: 'b', port: 1 },
              { name: 'a', port: 99 },
            ],
            tags: ['long'],
          },
        },
        old,
      ),
    ).to.deep.equal([]);
    expect(messages(s, { spec: { ports: [{ name: 'a', port: 99 }], tags: ['long', 'x'] } }, old)).to.deep.equal(['spec.tags[0]: Too long: may not be more than 2 bytes', blocked]);
  });
});
