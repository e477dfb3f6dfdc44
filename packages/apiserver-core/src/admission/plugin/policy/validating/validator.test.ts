import { expect } from 'chai';
import { toCELValue } from '../../cel/activation';
import { compilePolicy, policyExpressionErrors } from './compile';
import type { ValidatingAdmissionPolicySpec } from './types';
import { validatePolicy, type PolicyInput } from './validator';

const deployment = (replicas: number) => toCELValue({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { team: 'a' } }, spec: { replicas } });
const input = (replicas: number, params: unknown = null): PolicyInput => ({
  object: deployment(replicas),
  oldObject: null,
  request: toCELValue({ operation: 'CREATE', userInfo: { username: 'alice' } }),
  params,
  namespaceObject: null,
  authorizer: null,
});
const run = (spec: ValidatingAdmissionPolicySpec, i: PolicyInput) => validatePolicy(compilePolicy(spec), spec.failurePolicy ?? 'Fail', i);

describe('ValidatingAdmissionPolicy validator', () => {
  it('a false validation denies with messageExpression, else message, else the expression; reason defaults to Invalid', () => {
    const r = run(
      {
        validations: [
          { expression: 'object.spec.replicas < 3', messageExpression: "'too many: ' + string(object.spec.replicas)", reason: 'Forbidden' },
          { expression: 'object.spec.replicas < 3', message: '  fixed text  ' },
          { expression: ' object.spec.replicas < 3 ' },
          { expression: 'object.spec.replicas < 10' },
        ],
      },
      input(5),
    );
    expect(r.decisions).to.deep.equal([
      { action: 'deny', evaluation: 'deny', reason: 'Forbidden', message: 'too many: 5' },
      { action: 'deny', evaluation: 'deny', reason: 'Invalid', message: 'fixed text' },
      { action: 'deny', evaluation: 'deny', reason: 'Invalid', message: 'failed expression: object.spec.replicas < 3' },
      { action: 'admit', evaluation: 'admit', message: '' },
    ]);
  });

  it('a messageExpression that fails, is blank or spans lines falls back to message', () => {
    const r = run(
      {
        validations: [
          { expression: 'false', messageExpression: 'object.nope', message: 'm1' },
          { expression: 'false', messageExpression: "'  '", message: 'm2' },
          { expression: 'false', messageExpression: "'a\\nb'", message: 'm3' },
        ],
      },
      input(1),
    );
    expect(r.decisions.map((d) => d.message)).to.deep.equal(['m1', 'm2', 'm3']);
  });

  it("a runtime error denies under Fail with cel's words and admits under Ignore", () => {
    const spec: ValidatingAdmissionPolicySpec = { validations: [{ expression: 'object.spec.nope > 1' }] };
    expect(run(spec, input(1)).decisions).to.deep.equal([
      { action: 'deny', evaluation: 'error', message: "expression 'object.spec.nope > 1' resulted in error: no such key: nope" },
    ]);
    expect(run({ ...spec, failurePolicy: 'Ignore' }, input(1)).decisions[0]).to.include({ action: 'admit', evaluation: 'error' });
  });

  it('variables are evaluated lazily and once; params and request are bound', () => {
    const spec: ValidatingAdmissionPolicySpec = {
      variables: [
        { name: 'max', expression: 'int(params.data.max)' },
        { name: 'unused', expression: 'params.nope' },
      ],
      validations: [{ expression: 'object.spec.replicas <= variables.max && request.userInfo.username == "alice"' }],
    };
    const params = toCELValue({ data: { max: '4' } });
    expect(run(spec, input(4, params)).decisions[0].action).to.equal('admit');
    expect(run(spec, input(5, params)).decisions[0].action).to.equal('deny');
  });

  it('matchConditions: false skips every validation; an error is a denial under Fail and a skip under Ignore', () => {
    const validations = [{ expression: 'false' }];
    expect(run({ matchConditions: [{ name: 'team-b', expression: "object.metadata.labels.team == 'b'" }], validations }, input(1)).decisions).to.deep.equal([]);
    const erring = { matchConditions: [{ name: 'e', expression: 'object.metadata.nope == 1' }], validations };
    expect(run(erring, input(1)).decisions).to.deep.equal([
      { action: 'deny', evaluation: 'error', message: "expression 'object.metadata.nope == 1' resulted in error: no such key: nope" },
    ]);
    expect(run({ ...erring, failurePolicy: 'Ignore' }, input(1)).decisions).to.deep.equal([]);
  });

  it('audit annotations publish trimmed strings, exclude null and empty, and refuse other types', () => {
    const r = run(
      {
        auditAnnotations: [
          { key: 'a', valueExpression: "' r=' + string(object.spec.replicas) + ' '" },
          { key: 'b', valueExpression: 'null' },
          { key: 'c', valueExpression: 'object.spec.replicas' },
        ],
      },
      input(2),
    );
    expect(r.auditAnnotations).to.deep.equal([
      { key: 'a', action: 'publish', value: 'r=2' },
      { key: 'b', action: 'exclude' },
      { key: 'c', action: 'error', error: "valueExpression 'object.spec.replicas' resulted in unsupported return type: int. Return type must be either string or null." },
    ]);
  });

  it("an expression over the per-call cost limit is stopped with cel's message, not left running", () => {
    const spec: ValidatingAdmissionPolicySpec = { validations: [{ expression: 'object.items.all(x, object.items.all(y, x + y >= 0))' }] };
    const items = Array.from({ length: 600 }, (_, i) => BigInt(i));
    const r = validatePolicy(compilePolicy(spec), 'Fail', { ...input(1), object: { items } });
    expect(r.decisions).to.deep.equal([
      {
        action: 'deny',
        evaluation: 'error',
        message: "expression 'object.items.all(x, object.items.all(y, x + y >= 0))' resulted in error: operation cancelled: actual cost limit exceeded",
      },
    ]);
  });

  it("reports expressions that do not compile with their field path and kube's wording", () => {
    expect(
      policyExpressionErrors({
        variables: [{ name: 'v', expression: 'object +' }],
        validations: [{ expression: 'nope > 1' }, { expression: '1 + 2', messageExpression: '3' }],
      }).map((e) => [e.path.join('.'), e.message.split('\n')[0]]),
    ).to.deep.equal([
      [
        'variables.0.expression', // cel-js words a syntax error its own way; the location and format are cel-go's.
        'compilation failed: ERROR: <input>:1:9: Unexpected token: EOF',
      ],
      ['validations.0.expression', "compilation failed: ERROR: <input>:1:1: undeclared reference to 'nope' (in container '')"],
      ['validations.1.expression', 'must evaluate to bool but got int'],
      ['validations.1.messageExpression', 'must evaluate to string but got int'],
    ]);
  });
});
