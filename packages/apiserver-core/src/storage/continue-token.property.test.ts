import { expect } from 'chai';
import fc from 'fast-check';
import { isStatusError } from '../api/errors';
import { propertyRuns, thrownBy } from '../testing/property-runs';
import { decodeContinue, encodeContinue } from './continue-token';

const prefix = '/registry/configmaps/';
const expectBadRequest = (err: unknown) => {
  expect(isStatusError(err), String(err)).to.equal(true);
  expect((err as { code: number }).code).to.equal(400);
};

describe('continue token properties (fast-check)', () => {
  it('decoding an encoded token gives back its start key and revision', () => {
    const suffix = fc.string({ maxLength: 30 }).filter((s) => !s.includes('..') && !s.startsWith('/'));
    fc.assert(
      fc.property(suffix, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (rest, revision) => {
        expect(decodeContinue(encodeContinue(prefix + rest, prefix, revision), prefix)).to.deep.equal({ startKey: prefix + rest, revision });
      }),
      propertyRuns(500),
    );
  });

  it('garbage, and any JSON value as a token, is a 400 BadRequest, never another error', () => {
    const asToken = fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'));
    const nearToken = fc
      .record({ v: fc.oneof(fc.constant('meta.k8s.io/v1'), fc.jsonValue()), rv: fc.jsonValue(), start: fc.jsonValue() }, { requiredKeys: [] })
      .map((t) => Buffer.from(JSON.stringify(t)).toString('base64url'));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), asToken, nearToken), (token) => {
        const err = thrownBy(() => decodeContinue(token, prefix));
        if (err !== undefined) expectBadRequest(err);
      }),
      propertyRuns(2000),
    );
  });

  it('a token of JSON null is a 400 BadRequest (was a 500 TypeError)', () => {
    expectBadRequest(thrownBy(() => decodeContinue(Buffer.from('null').toString('base64url'), prefix)));
  });
});
