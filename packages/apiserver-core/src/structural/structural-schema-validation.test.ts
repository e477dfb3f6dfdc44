import { expect } from 'chai';
import { Path } from '../validation/field';
import { validateStructuralSchema } from './structural-schema-validation';
import type { JSONSchemaProps } from './types';

const at = Path.root('spec').child('validation').child('openAPIV3Schema');
const check = (s: JSONSchemaProps) => validateStructuralSchema(s, at).map(String);

describe('validateStructuralSchema', () => {
  it('accepts a realistic structural schema', () => {
    expect(
      check({
        type: 'object',
        properties: {
          metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 63 } } },
          spec: {
            type: 'object',
            required: ['image'],
            'x-kubernetes-validations': [{ rule: 'self.replicas <= 10', message: 'too many' }],
            properties: {
              image: { type: 'string' },
              replicas: { type: 'integer', default: 1, minimum: 0 },
              port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
              extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              ports: {
                type: 'array',
                'x-kubernetes-list-type': 'map',
                'x-kubernetes-list-map-keys': ['name'],
                items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
              },
              template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      }),
    ).to.deep.equal([]);
  });

  it('types are required at every level but under preserve-unknown-fields and int-or-string', () => {
    expect(check({ type: 'object', properties: { spec: { properties: { a: { type: 'string' } } }, list: { type: 'array', items: {} } } })).to.deep.equal([
      'spec.validation.openAPIV3Schema.properties[list].items.type: Required value: must not be empty for specified array items',
      'spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
    ]);
    expect(check({ properties: {} })).to.deep.equal(['spec.validation.openAPIV3Schema.type: Required value: must not be empty at the root']);
    expect(check({ type: 'string' })).to.deep.equal(['spec.validation.openAPIV3Schema.type: Invalid value: "string": must be object at the root']);
  });

  it('$ref, uniqueItems, and the unsupported keywords are forbidden', () => {
    expect(check({ type: 'object', properties: { a: { $ref: '#/x' }, b: { type: 'array', uniqueItems: true, items: { type: 'string' } } } })).to.deep.equal([
      'spec.validation.openAPIV3Schema.properties[a].$ref: Forbidden: $ref is not supported',
      'spec.validation.openAPIV3Schema.properties[b].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
    ]);
  });

  it('metadata may only restrict name and generateName', () => {
    expect(check({ type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } })).to.deep.equal([
      'spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
    ]);
  });

  it('list types and map keys', () => {
    expect(
      check({
        type: 'object',
        properties: {
          a: { type: 'string', 'x-kubernetes-list-type': 'set' },
          b: { type: 'array', 'x-kubernetes-list-type': 'map', items: { type: 'object', properties: { k: { type: 'string' } } } },
          c: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['k'], items: { type: 'object', properties: { k: { type: 'string' } } } },
        },
      }),
    ).to.deep.equal([
      'spec.validation.openAPIV3Schema.properties[a].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified',
      'spec.validation.openAPIV3Schema.properties[b].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map',
      'spec.validation.openAPIV3Schema.properties[c].items.properties[k].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
    ]);
  });

  it('defaults must validate against their schema and have no unknown fields', () => {
    expect(
      check({
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              size: { type: 'string', enum: ['s', 'm'], default: 'xl' },
              obj: { type: 'object', properties: { a: { type: 'string' } }, default: { a: 'x', b: 'y' } },
            },
          },
        },
      }),
    ).to.deep.equal([
      'spec.validation.openAPIV3Schema.properties[spec].properties[size].default: Unsupported value: "xl": supported values: "s", "m"',
      'spec.validation.openAPIV3Schema.properties[spec].properties[obj].default: Invalid value: {"a":"x","b":"y"}: must not have unknown fields',
    ]);
  });

  it('CEL rules must compile; oldSelf needs a correlatable place', () => {
    const errs = check({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            a: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self ==' }] },
            l: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] } },
          },
        },
      },
    });
    expect(errs).to.have.length(2);
    expect(errs[0]).to.match(
      /^spec\.validation\.openAPIV3Schema\.properties\[spec\]\.properties\[a\]\.x-kubernetes-validations\[0\]\.rule: Invalid value: .*: compilation failed: ERROR: <input>:1:8: /,
    );
    expect(errs[1]).to.equal(
      'spec.validation.openAPIV3Schema.properties[spec].properties[l].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within spec.validation.openAPIV3Schema.properties[spec].properties[l]',
    );
  });

  it('nested value validations must not carry types', () => {
    expect(check({ type: 'object', properties: { a: { type: 'string', anyOf: [{ type: 'string', maxLength: 3 }, { minLength: 5 }] } } })).to.deep.equal([
      'spec.validation.openAPIV3Schema.properties[a].anyOf[0].type: Forbidden: must be empty to be structural',
    ]);
  });

  it("rules whose estimated cost is over kube's limit are refused until sizes are bounded", () => {
    const withList = (list: JSONSchemaProps): JSONSchemaProps => ({
      type: 'object',
      properties: {
        spec: { type: 'object', properties: { names: list }, 'x-kubernetes-validations': [{ rule: 'self.names.all(a, self.names.all(b, a == b || !a.startsWith(b)))' }] },
      },
    });
    const unbounded = check(withList({ type: 'array', items: { type: 'string' } }));
    expect(unbounded).to.include(
      'spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)',
    );
    expect(check(withList({ type: 'array', maxItems: 20, items: { type: 'string', maxLength: 64 } }))).to.deep.equal([]);
  });

  it('rules are type-checked against the schema, as kube does', () => {
    const withRules = (...rules: string[]): JSONSchemaProps => ({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          'x-kubernetes-validations': rules.map((rule) => ({ rule })),
          properties: {
            replicas: { type: 'integer' },
            ratio: { type: 'number' },
            image: { type: 'string' },
            flag: { type: 'boolean' },
            ports: {
              type: 'array',
              'x-kubernetes-list-type': 'map',
              'x-kubernetes-list-map-keys': ['name'],
              items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
            },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            tags: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 64 } },
            port: { 'x-kubernetes-int-or-string': true },
            extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            when: { type: 'string', format: 'date-time' },
          },
        },
      },
    });
    // Idioms of real CRDs compile.
    expect(
      check(
        withRules(
          'self.replicas > 1.5 || self.ratio > 1',
          'self.ports.all(p, p.port > 0 && p.port < 65536)',
          'size(self.ports) <= 10',
          "'app' in self.labels",
          'has(self.image) && self.image.contains(":")',
          'self.tags.all(t, self.tags.exists_one(u, u == t))',
          '!has(oldSelf.replicas) || self.replicas >= oldSelf.replicas',
          'self == oldSelf',
          'self.ports.map(p, p.port).max() < 100',
          'self.flag ? self.replicas > 0 : true',
          'self.port == 80 || self.port == "http"',
          'self.extra.anything == 1',
          'self.ports.filter(p, p.name == "x").size() <= 1',
          'self.labels == oldSelf.labels',
          'self.?image.orValue("") != "x"',
          'self.when != ""',
        ),
      ),
    ).to.deep.equal([]);
    // Type errors and unknown fields do not.
    const errs = check(withRules('self.replicas + "a" == "b"', 'self.nope > 1'));
    expect(errs[0]).to.match(
      /x-kubernetes-validations\[0\]\.rule: Invalid value: .*: compilation failed: ERROR: <input>:1:\d+: found no matching overload for '_\+_' applied to '\(int, string\)'/,
    );
    expect(errs[1]).to.match(/x-kubernetes-validations\[1\]\.rule: Invalid value: .*: compilation failed: ERROR: <input>:1:\d+: undefined field 'nope'/);
  });

  it('messageExpressions are type-checked too', () => {
    const errs = check({
      type: 'object',
      properties: { spec: { type: 'object', properties: { n: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.n > 0', messageExpression: '"n is " + self.n' }] } },
    });
    expect(errs).to.have.length(1);
    expect(errs[0]).to.match(
      /x-kubernetes-validations\[0\]\.messageExpression: Invalid value: .*: messageExpression compilation failed: ERROR: <input>:1:\d+: found no matching overload for '_\+_' applied to '\(string, int\)'/,
    );
  });

  it('at the resource root, self.metadata offers name and generateName only', () => {
    const s: JSONSchemaProps = {
      type: 'object',
      properties: { spec: { type: 'object' } },
      'x-kubernetes-validations': [{ rule: 'self.metadata.name.size() < 10' }, { rule: 'self.metadata.labels.size() > 0' }],
    };
    const errs = check(s);
    expect(errs).to.have.length(1);
    expect(errs[0]).to.match(/x-kubernetes-validations\[1\]\.rule: .*undefined field 'labels'/);
  });
});
