import { expect } from 'chai';
import fc from 'fast-check';
import { isStatusError } from '../api/errors';
import { propertyRuns, thrownBy } from '../testing/property-runs';
import { maxDecodedDepth } from '../runtime/decoded-limits';
import { decodeBody } from './negotiation';

const yamlType = 'application/yaml';
const jsonType = 'application/json';

function expectBadRequest(err: unknown): void {
  expect(isStatusError(err), String((err as Error)?.stack ?? err)).to.equal(true);
  expect((err as { code: number }).code).to.equal(400);
}

/** The body decoded and re-encoded as the response writer would: neither may throw anything but a 400. */
function decodeAndEncode(type: string, body: string): unknown {
  return thrownBy(() => JSON.stringify(decodeBody(type, Buffer.from(body))));
}

/** A YAML document of `levels` anchors, each a list of ten aliases of the one before: 10^levels nodes. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

describe('request body decoding properties (fast-check)', () => {
  it('any text as YAML or JSON decodes or is a 400, never another error', () => {
    const yamlish = fc.string({ unit: fc.constantFrom(...'ab:- &*!{}[],"\'\n #|>?%@`1.e'), maxLength: 60 });
    fc.assert(
      fc.property(fc.constantFrom(yamlType, jsonType), fc.oneof(yamlish, fc.string({ maxLength: 60 }), fc.json()), (type, body) => {
        const err = decodeAndEncode(type, body);
        if (err !== undefined) expectBadRequest(err);
      }),
      propertyRuns(3000),
    );
  });

  it('nesting within 1000 levels decodes and clones; deeper is a 400 (was a 500: stack overflow)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":'), (depth, open) => {
        const close = open === '[' ? ']' : '}';
        const body = `${open.repeat(depth)}1${close.repeat(depth)}`;
        const err = decodeAndEncode(jsonType, body);
        if (depth <= maxDecodedDepth) {
          expect(err).to.equal(undefined);
          structuredClone(decodeBody(jsonType, Buffer.from(body)));
        } else expectBadRequest(err);
      }),
      propertyRuns(30),
    );
  });

  it('a YAML alias bomb is a 400 at once, not a hang (billion laughs)', () => {
    const started = Date.now();
    expectBadRequest(decodeAndEncode(yamlType, aliasBomb(9)));
    expect(Date.now() - started).to.be.below(2000);
    expect(decodeAndEncode(yamlType, aliasBomb(2))).to.equal(undefined);
  });

  it('numbers a float64 cannot hold are a 400, in JSON and YAML', () => {
    for (const [type, body] of [
      [jsonType, '{"a":1e400}'],
      [jsonType, '{"a":-1e999}'],
      [yamlType, 'a: .inf'],
      [yamlType, 'a: .nan'],
    ]) {
      expectBadRequest(decodeAndEncode(type, body));
    }
    expect(decodeAndEncode(jsonType, '{"a":1e300,"b":123456789012345678901234567890}')).to.equal(undefined);
  });

  it('duplicate keys: YAML is a 400, JSON keeps the last (strict validation reports it elsewhere)', () => {
    expectBadRequest(decodeAndEncode(yamlType, 'a: 1\na: 2\n'));
    expect(decodeBody(jsonType, Buffer.from('{"a":1,"a":2}'))).to.deep.equal({ a: 2 });
  });
});
