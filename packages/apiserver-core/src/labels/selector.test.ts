import { expect } from 'chai';
import { isStatusError } from '../api/errors';
import { parseFieldSelector } from '../fields/selector';
import { parseLabelSelector } from './selector';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', env: 'prod' };
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app notin (web,db)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,env in (prod, staging),!debug', true],
    ['app=web,env=dev', false],
  ];
  for (const [sel, want] of cases) {
    it(`"${sel}" ${want ? 'matches' : 'does not match'}`, () => {
      expect(parseLabelSelector(sel).matches(labels)).to.equal(want);
    });
  }

  it('rejects garbage with 400 BadRequest', () => {
    try {
      parseLabelSelector('app in web');
      expect.fail('expected an error');
    } catch (err) {
      expect(isStatusError(err) && err.code).to.equal(400);
    }
  });

  it('field selectors match = and != and report exact matches', () => {
    const sel = parseFieldSelector('metadata.name=a,status.phase!=Failed');
    expect(sel.matches({ 'metadata.name': 'a', 'status.phase': 'Running' })).to.equal(true);
    expect(sel.matches({ 'metadata.name': 'a', 'status.phase': 'Failed' })).to.equal(false);
    expect(sel.requiresExactMatch('metadata.name')).to.equal('a');
  });
});
