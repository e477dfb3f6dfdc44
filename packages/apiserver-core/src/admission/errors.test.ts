import { expect } from 'chai';
import type { Attributes } from './attributes';
import { newAdmissionForbidden } from './errors';

/** A pod create as a mutating plugin sees it, before BeforeCreate generates a name. */
const podCreate = (metadata: { name?: string; generateName?: string }): Attributes => ({
  name: metadata.name ?? '',
  namespace: 'q',
  resource: { group: '', version: 'v1', resource: 'pods' },
  subresource: '',
  operation: 'CREATE',
  dryRun: false,
  object: { apiVersion: 'v1', kind: 'Pod', metadata },
  kind: { group: '', version: 'v1', kind: 'Pod' },
});

const reason = 'error looking up service account q/default: serviceaccount "default" not found';

// Messages and details as kube-apiserver v1.32.4 answers a pod create refused by its ServiceAccount plugin.
describe('admission Forbidden names the object as kube-apiserver does', () => {
  it('by its name', () => {
    const err = newAdmissionForbidden(podCreate({ name: 'named' }), reason);
    expect(err.toStatus()).to.deep.include({ code: 403, message: `pods "named" is forbidden: ${reason}`, details: { name: 'named', kind: 'pods' } });
  });

  it('by its generateName before a name is generated', () => {
    const err = newAdmissionForbidden(podCreate({ generateName: 'web-' }), reason);
    expect(err.toStatus()).to.deep.include({ code: 403, message: `pods "web-" is forbidden: ${reason}`, details: { name: 'web-', kind: 'pods' } });
  });

  it('as "Unknown" with neither', () => {
    const err = newAdmissionForbidden(podCreate({}), reason);
    expect(err.toStatus()).to.deep.include({ message: `pods "Unknown" is forbidden: ${reason}` });
  });
});
