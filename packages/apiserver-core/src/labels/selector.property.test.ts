import { expect } from 'chai';
import fc from 'fast-check';
import { isStatusError } from '../api/errors';
import { propertyRuns, thrownBy } from '../testing/property-runs';
import { LabelSelector, parseLabelSelector, type Operator, type Requirement } from './selector';

const alnum = fc.constantFrom(...'abcxyz019');
const inner = fc.constantFrom(...'abz09-_.');
/** A valid label name or value body: alphanumeric at both ends, `-_.` inside, at most 63 characters. */
const labelWord = fc
  .tuple(alnum, fc.array(inner, { maxLength: 8 }), alnum)
  .map(([a, mid, b]) => a + mid.join('') + b)
  .chain((w) => fc.constantFrom(w, w[0]));
const labelKey = fc
  .tuple(fc.option(fc.constantFrom('example.com', 'k8s.io', 'a.b-c'), { nil: undefined }), labelWord)
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name));
const labelValue = fc.oneof(labelWord, fc.constant(''));
const integerValue = fc.nat(99_999).map(String);

const requirement: fc.Arbitrary<Requirement> = fc.oneof(
  fc.tuple(labelKey, fc.constantFrom<Operator>('=', '!='), labelValue).map(([key, operator, v]) => ({ key, operator, values: [v] })),
  fc
    .tuple(labelKey, fc.constantFrom<Operator>('in', 'notin'), fc.uniqueArray(labelValue, { minLength: 1, maxLength: 4 }))
    .map(([key, operator, values]) => ({ key, operator, values: [...values].sort() })),
  fc.tuple(labelKey, fc.constantFrom<Operator>('exists', '!')).map(([key, operator]) => ({ key, operator, values: [] })),
  fc.tuple(labelKey, fc.constantFrom<Operator>('gt', 'lt'), integerValue).map(([key, operator, v]) => ({ key, operator, values: [v] })),
);
/** Requirements in the order parseLabelSelector leaves them: sorted by key, stable. */
const selector = fc.array(requirement, { maxLength: 5 }).map((reqs) => new LabelSelector([...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))));
const labels = fc.dictionary(labelKey, fc.oneof(labelValue, integerValue), { maxKeys: 5 });

describe('label selector properties (fast-check)', () => {
  it('printing a selector and parsing it back gives the same requirements', () => {
    fc.assert(
      fc.property(selector, (sel) => {
        expect(parseLabelSelector(sel.toString()).requirements).to.deep.equal(sel.requirements);
      }),
      propertyRuns(300),
    );
  });

  it('a selector matches exactly the label sets every one of its requirements matches', () => {
    fc.assert(
      fc.property(selector, labels, (sel, ls) => {
        expect(sel.matches(ls)).to.equal(sel.requirements.every((r) => new LabelSelector([r]).matches(ls)));
      }),
      propertyRuns(300),
    );
  });

  it('in/notin, =/!= and exists/! are complements, and = and in agree on one value', () => {
    fc.assert(
      fc.property(labelKey, fc.uniqueArray(labelValue, { minLength: 1, maxLength: 3 }), labels, (key, values, ls) => {
        const m = (operator: Operator, vs = values) => new LabelSelector([{ key, operator, values: vs }]).matches(ls);
        expect(m('in')).to.equal(!m('notin'));
        expect(m('exists', [])).to.equal(!m('!', []));
        expect(m('=', [values[0]])).to.equal(!m('!=', [values[0]]));
        expect(m('=', [values[0]])).to.equal(m('in', [values[0]]));
        expect(m('=', [values[0]])).to.equal(ls[key] === values[0]);
      }),
      propertyRuns(300),
    );
  });

  it('any string either parses or is a 400 BadRequest, never another error', () => {
    const selectorish = fc.string({ unit: fc.constantFrom(...'ab0-_./=!(),<> \tinotx'), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(selectorish, fc.string({ maxLength: 40 })), (s) => {
        const err = thrownBy(() => parseLabelSelector(s));
        if (err !== undefined) {
          expect(isStatusError(err), String(err)).to.equal(true);
          expect((err as { code: number }).code).to.equal(400);
        }
      }),
      propertyRuns(2000),
    );
  });
});
