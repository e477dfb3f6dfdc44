import { expect } from 'chai';
import { readRatchet, runSuite, tally, type Outcome } from './cel-conformance/run';

/**
 * The cel-spec conformance suite (its simple tests, generated into .cache by
 * scripts/ensure-cel-conformance.sh) against kapi's CEL engine. The pass rate is a measured figure
 * (docs/admission.md); what this asserts is the ratchet: every test listed in
 * tests/cel-conformance/passing.txt passed when it was written and must keep passing. After a fix,
 * `npx tsx --conditions=kapi-source tests/cel-conformance/run.ts --update-ratchet` records the gain.
 */
describe("CEL conformance (cel-spec simple tests) against kapi's CEL engine", function () {
  this.timeout(180_000);
  let outcomes: Outcome[];
  before(() => {
    outcomes = runSuite();
  });

  it('runs the whole generated suite', () => {
    const files = [...tally(outcomes, (o) => o.file).keys()];
    expect(files).to.include.members(['basic', 'comparisons', 'conversions', 'macros', 'parse', 'string', 'timestamps']);
    expect(outcomes.length).to.be.greaterThan(2000);
  });

  it('keeps passing every test of the ratchet (tests/cel-conformance/passing.txt)', () => {
    const passing = new Set(outcomes.filter((o) => o.passed).map((o) => o.id));
    const reasons = new Map(outcomes.filter((o) => !o.passed).map((o) => [o.id, o.reason]));
    const regressed = readRatchet()
      .filter((id) => !passing.has(id))
      .map((id) => `${id}: ${reasons.get(id) ?? 'no longer in the suite'}`);
    expect(regressed).to.deep.equal([]);
  });
});
