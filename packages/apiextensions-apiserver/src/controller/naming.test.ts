import { expect } from 'chai';
import type { CustomResourceDefinition } from '../apis/types';
import { calculateNamesAndConditions, usedNamesInGroup } from './naming';

function crd(name: string, plural: string, kind: string, shortNames?: string[], accepted = false): CustomResourceDefinition {
  const names = { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, ...(shortNames ? { shortNames } : {}) };
  return {
    metadata: { name },
    spec: { group: 'example.com', scope: 'Namespaced', names, versions: [] },
    status: accepted ? { acceptedNames: names } : {},
  };
}

describe('NamingConditionController names', () => {
  it('accepts fresh names: NamesAccepted NoConflicts, Established False Installing', () => {
    const c = crd('widgets.example.com', 'widgets', 'Widget', ['wd']);
    const r = calculateNamesAndConditions(c, usedNamesInGroup(c, [c], undefined));
    expect(r.acceptedNames).to.deep.equal(c.spec.names);
    expect(r.namesAccepted).to.deep.equal({ type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' });
    expect(r.established).to.deep.equal({ type: 'Established', status: 'False', reason: 'Installing', message: 'the initial names have been accepted' });
  });

  it('refuses a plural or short name another CRD of the group accepted, keeping the rest', () => {
    const first = crd('widgets.example.com', 'widgets', 'Widget', ['wd'], true);
    const second = crd('gadgets.example.com', 'gadgets', 'Gadget', ['wd']);
    const r = calculateNamesAndConditions(second, usedNamesInGroup(second, [first, second], undefined));
    expect(r.namesAccepted).to.deep.include({ status: 'False', reason: 'ShortNamesConflict', message: '"wd" is already in use' });
    expect(r.acceptedNames.plural).to.equal('gadgets');
    expect(r.acceptedNames.shortNames).to.equal(undefined);
    expect(r.established).to.deep.equal({ type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' });
  });

  it('refuses names a built-in group serves', () => {
    const c = crd('deployments.example.com', 'deployments', 'Deployment');
    const r = calculateNamesAndConditions(c, usedNamesInGroup(c, [c], { resources: new Set(['deployments']), kinds: new Set() }));
    expect(r.namesAccepted).to.deep.include({ status: 'False', reason: 'PluralConflict', message: '"deployments" is already in use' });
  });
});
