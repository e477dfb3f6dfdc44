import { expect } from 'chai';
import fc from 'fast-check';
import { isStatusError } from '../api/errors';
import { propertyRuns, thrownBy } from '../testing/property-runs';
import { FieldSelector, parseFieldSelector, type FieldRequirement } from './selector';

const fieldName = fc.constantFrom('metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase', 'type');
const fieldValue = fc.string({ unit: fc.constantFrom(...'ab-.,=\\!x '), maxLength: 8 });
const requirement: fc.Arbitrary<FieldRequirement> = fc.record({ field: fieldName, operator: fc.constantFrom<'=' | '!='>('=', '!='), value: fieldValue });

describe('field selector properties (fast-check)', () => {
  it('printing a selector escapes its values, so parsing it back gives the same requirements', () => {
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 4 }), (reqs) => {
        const parsed = parseFieldSelector(new FieldSelector(reqs).toString());
        const key = (r: FieldRequirement) => JSON.stringify([r.field, r.operator, r.value]);
        expect(parsed.requirements.map(key).sort()).to.deep.equal(reqs.map(key).sort());
      }),
      propertyRuns(500),
    );
  });

  it('a selector matches a field set exactly when each requirement holds', () => {
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 4 }), fc.dictionary(fieldName, fieldValue), (reqs, fields) => {
        const expected = reqs.every((r) => (fields[r.field] === r.value) === (r.operator === '='));
        expect(parseFieldSelector(new FieldSelector(reqs).toString()).matches(fields)).to.equal(expected);
      }),
      propertyRuns(500),
    );
  });

  it('any string either parses or is a 400 BadRequest, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom(...'a.=!,\\ x'), maxLength: 30 }), fc.string({ maxLength: 30 })), (s) => {
        const err = thrownBy(() => parseFieldSelector(s));
        if (err !== undefined) {
          expect(isStatusError(err), String(err)).to.equal(true);
          expect((err as { code: number }).code).to.equal(400);
        }
      }),
      propertyRuns(2000),
    );
  });

  it('a value with a comma, an equals sign or a backslash prints escaped (was printed raw and reparsed differently)', () => {
    const sel = new FieldSelector([{ field: 'metadata.name', operator: '=', value: 'a,b=c\\' }]);
    expect(sel.toString()).to.equal('metadata.name=a\\,b\\=c\\\\');
    expect(parseFieldSelector(sel.toString()).requirements).to.deep.equal(sel.requirements);
  });
});
