import { expect } from 'chai';
import { newSchemaValidator } from './schema-validator';
import type { JSONSchemaProps } from './types';

const withSpec = (specSchema: JSONSchemaProps): JSONSchemaProps => ({ type: 'object', properties: { spec: specSchema } });

describe('structural schema validator: x-kubernetes-validations (CEL)', () => {
  it('a failing rule is Invalid at its node, valued by the schema type, with "failed rule" or the message', () => {
    const v = newSchemaValidator(
      withSpec({
        type: 'object',
        properties: { min: { type: 'integer' }, max: { type: 'integer' } },
        'x-kubernetes-validations': [{ rule: 'self.min <= self.max' }, { rule: 'self.max < 100', message: 'max must stay below 100 ' }],
      }),
    );
    expect(v.validate({ spec: { min: 1, max: 2 } })).to.deep.equal([]);
    expect(v.validate({ spec: { min: 300, max: 200 } }).map(String)).to.deep.equal([
      'spec: Invalid value: "object": failed rule: self.min <= self.max',
      'spec: Invalid value: "object": max must stay below 100',
    ]);
  });

  it("a failing rule of the object itself is reported at <nil>, as kube's nil field path prints", () => {
    const v = newSchemaValidator({
      type: 'object',
      properties: { spec: { type: 'object' } },
      'x-kubernetes-validations': [
        { rule: 'has(self.spec)', message: 'spec is required' },
        { rule: 'false', fieldPath: '.spec' },
      ],
    });
    expect(v.validate({}).map(String)).to.deep.equal(['<nil>: Invalid value: "object": spec is required', 'spec: Invalid value: "object": failed rule: false']);
  });

  it('messageExpression, reason and fieldPath shape the error', () => {
    const v = newSchemaValidator(
      withSpec({
        type: 'object',
        properties: { replicas: { type: 'integer' }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
        'x-kubernetes-validations': [
          { rule: 'self.replicas <= 5', messageExpression: '"replicas " + string(self.replicas) + " is more than 5"', fieldPath: '.replicas' },
          { rule: "has(self.labels) && 'app' in self.labels", message: 'an app label is required', reason: 'FieldValueRequired', fieldPath: ".labels['app']" },
          { rule: 'self.replicas != 7', message: 'seven is forbidden', reason: 'FieldValueForbidden' },
        ],
      }),
    );
    expect(v.validate({ spec: { replicas: 7 } }).map(String)).to.deep.equal([
      'spec.replicas: Invalid value: "object": replicas 7 is more than 5',
      'spec.labels[app]: Required value: an app label is required',
      'spec: Forbidden: seven is forbidden',
    ]);
  });

  it('rules on list items and map values report at the item', () => {
    const v = newSchemaValidator(
      withSpec({
        type: 'object',
        properties: {
          items: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self.startsWith("a")' }] } },
          env: { type: 'object', additionalProperties: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self >= 0' }] } },
        },
      }),
    );
    expect(v.validate({ spec: { items: ['ab', 'b'], env: { A: -1 } } }).map(String)).to.deep.equal([
      'spec.items[1]: Invalid value: "string": failed rule: self.startsWith("a")',
      'spec.env[A]: Invalid value: "integer": failed rule: self >= 0',
    ]);
  });

  it('transition rules run only on update, with oldSelf; optionalOldSelf runs on create too', () => {
    const v = newSchemaValidator(
      withSpec({
        type: 'object',
        properties: {
          color: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'color is immutable' }] },
          level: {
            type: 'integer',
            'x-kubernetes-validations': [
              { rule: '!oldSelf.hasValue() || self >= oldSelf.value()', optionalOldSelf: true, message: 'level may not go down' },
              { rule: 'oldSelf.hasValue() || self == 1', optionalOldSelf: true, message: 'level starts at 1' },
            ],
          },
        },
      }),
    );
    expect(v.validate({ spec: { color: 'red', level: 1 } })).to.deep.equal([]);
    expect(v.validate({ spec: { color: 'red', level: 2 } }).map(String)).to.deep.equal(['spec.level: Invalid value: "integer": level starts at 1']);
    expect(v.validateUpdate({ spec: { color: 'blue', level: 1 } }, { spec: { color: 'red', level: 2 } }).map(String)).to.deep.equal([
      'spec.color: Invalid value: "string": color is immutable',
      'spec.level: Invalid value: "integer": level may not go down',
    ]);
    // A field absent before has no oldSelf: the transition rule does not run.
    expect(v.validateUpdate({ spec: { color: 'blue', level: 1 } }, { spec: { level: 1 } })).to.deep.equal([]);
  });

  it('list-map items correlate with their old item by key', () => {
    const v = newSchemaValidator(
      withSpec({
        type: 'object',
        properties: {
          ports: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, port: { type: 'integer' } },
              'x-kubernetes-validations': [{ rule: 'self.port == oldSelf.port', message: 'port is immutable' }],
            },
          },
        },
      }),
    );
    const old = {
      spec: {
        ports: [
          { name: 'a', port: 1 },
          { name: 'b', port: 2 },
        ],
      },
    };
    expect(
      v.validateUpdate(
        {
          spec: {
            ports: [
              { name: 'b', port: 2 },
              { name: 'a', port: 1 },
              { name: 'c', port: 9 },
            ],
          },
        },
        old,
      ),
    ).to.deep.equal([]);
    expect(v.validateUpdate({ spec: { ports: [{ name: 'b', port: 3 }] } }, old).map(String)).to.deep.equal(['spec.ports[0]: Invalid value: "object": port is immutable']);
  });

  it('integers are CEL ints and numbers are doubles', () => {
    const v = newSchemaValidator(
      withSpec({
        type: 'object',
        properties: { i: { type: 'integer' }, d: { type: 'number' } },
        'x-kubernetes-validations': [{ rule: 'self.i + 1 == 3 && self.d * 2.0 == 4.0' }],
      }),
    );
    expect(v.validate({ spec: { i: 2, d: 2 } })).to.deep.equal([]);
  });

  it('runtime errors and compile errors are reported at the node', () => {
    const v = newSchemaValidator(
      withSpec({ type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-validations': [{ rule: 'self.a == "x"' }, { rule: 'self.a ==' }] }),
    );
    const errs = v.validate({ spec: {} }).map(String);
    expect(errs[0]).to.equal('spec: Invalid value: "object": no such key: a evaluating rule: self.a == "x"');
    expect(errs[1]).to.match(/^spec: Invalid value: "object": rule compile error: compilation failed: ERROR: <input>:1:10: /);
  });

  it('schema errors that change the shape block the rules, as kube does', () => {
    const v = newSchemaValidator(withSpec({ type: 'object', properties: { n: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.n > 0' }] }));
    expect(v.validate({ spec: { n: 'x' } }).map(String)).to.deep.equal([
      'spec.n: Invalid value: "string": spec.n in body must be of type integer: "string"',
      '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it("a rule over its per-call cost limit stops validation with kube's message", () => {
    const v = newSchemaValidator(
      withSpec({
        type: 'object',
        properties: { l: { type: 'array', items: { type: 'integer' } } },
        'x-kubernetes-validations': [{ rule: 'self.l.all(x, self.l.all(y, self.l.all(z, x + y + z >= 0)))' }, { rule: 'false', message: 'never reached' }],
      }),
    );
    const l = Array.from({ length: 120 }, (_, i) => i);
    expect(v.validate({ spec: { l } }).map(String)).to.deep.equal([
      'spec: Invalid value: "object": \'operation cancelled: actual cost limit exceeded\': no further validation rules will be run due to call cost exceeds limit for rule: self.l.all(x, self.l.all(y, self.l.all(z, x + y + z >= 0)))',
    ]);
  });

  it('the per-object budget is shared by all rules', () => {
    const v = newSchemaValidator(
      withSpec({ type: 'object', properties: { l: { type: 'array', items: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self >= 0' }] } } } }),
      { celCostBudget: 50 },
    );
    const errs = v.validate({ spec: { l: Array.from({ length: 100 }, (_, i) => i) } }).map(String);
    expect(errs).to.have.length(1);
    expect(errs[0]).to.match(/^spec\.l\[\d+\]: Invalid value: "integer": validation failed due to running out of cost budget, no further validation rules will be run$/);
  });
});
