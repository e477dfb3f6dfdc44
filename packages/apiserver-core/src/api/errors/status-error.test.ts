import { expect } from 'chai';
import { newAlreadyExists, newForbidden, newInvalid, newNotFound, newTooManyRequests } from './status-error';

describe('StatusError.toStatus', () => {
  it('a core-group NotFound carries no empty group, as kube-apiserver sends it', () => {
    expect(newNotFound({ group: '', resource: 'configmaps' }, 'missing').toStatus()).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "missing" not found',
      reason: 'NotFound',
      details: { name: 'missing', kind: 'configmaps' },
      code: 404,
    });
  });

  it('a named group stays in the details', () => {
    expect(newAlreadyExists({ group: 'apps', resource: 'deployments' }, 'web').toStatus().details).to.deep.equal({ name: 'web', group: 'apps', kind: 'deployments' });
  });

  it('a Forbidden on a collection carries neither an empty name nor an empty group', () => {
    const reason = 'User "jane" cannot list resource "configmaps" in API group "" in the namespace "default"';
    expect(newForbidden({ group: '', resource: 'configmaps' }, '', reason).toStatus().details).to.deep.equal({ kind: 'configmaps' });
  });

  it('an Invalid of a core kind drops the empty group and the empty list of causes', () => {
    expect(newInvalid({ group: '', kind: 'ConfigMap' }, 'bad', []).toStatus().details).to.deep.equal({ name: 'bad', kind: 'ConfigMap' });
  });

  it('a zero retryAfterSeconds is omitted, a set one kept', () => {
    expect(newTooManyRequests('slow down', 0).toStatus().details).to.deep.equal({});
    expect(newTooManyRequests('slow down', 1).toStatus().details).to.deep.equal({ retryAfterSeconds: 1 });
  });
});
