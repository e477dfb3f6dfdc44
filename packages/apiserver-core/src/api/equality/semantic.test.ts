import { expect } from 'chai';
import { semanticEqual } from './semantic';

describe('semanticEqual', () => {
  it('ignores key order at every depth', () => {
    expect(semanticEqual({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).to.equal(true);
  });

  it('treats members set to undefined as absent, as serialization does', () => {
    expect(semanticEqual({ a: 1, b: undefined }, { a: 1 })).to.equal(true);
    expect(semanticEqual({ a: 1 }, { a: 1, b: undefined })).to.equal(true);
  });

  it('tells apart values, array order, null and absent, arrays and objects', () => {
    expect(semanticEqual({ a: 1 }, { a: 2 })).to.equal(false);
    expect(semanticEqual([1, 2], [2, 1])).to.equal(false);
    expect(semanticEqual({ a: null }, {})).to.equal(false);
    expect(semanticEqual({ a: 1 }, { b: 1 })).to.equal(false);
    expect(semanticEqual([], {})).to.equal(false);
    expect(semanticEqual('1', 1)).to.equal(false);
    expect(semanticEqual(null, undefined)).to.equal(false);
  });
});
