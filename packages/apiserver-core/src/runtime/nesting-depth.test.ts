import { expect } from 'chai';
import { jsonNestsDeeperThan, valueNestsDeeperThan } from './nesting-depth';

describe('nesting depth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestsDeeperThan('[[[]]]', 3)).to.equal(false);
    expect(jsonNestsDeeperThan('[[[[]]]]', 3)).to.equal(true);
    expect(jsonNestsDeeperThan('{"a":{"b":"[[[[[\\"{{{{"}}', 2)).to.equal(false);
    expect(jsonNestsDeeperThan(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).to.equal(true);
  });

  it('walks a decoded value without recursion, shared nodes once', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueNestsDeeperThan(deep)).to.equal(true);
    const shared = { a: 1 };
    expect(valueNestsDeeperThan({ x: shared, y: shared, w: [shared] }, 3)).to.equal(false);
    expect(valueNestsDeeperThan({ z: [[{ a: {} }]] }, 3)).to.equal(true);
  });
});
