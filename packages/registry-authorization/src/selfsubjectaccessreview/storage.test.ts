import { expect } from 'chai';
import { isStatusError, type KObject } from '@kapi/apiserver-core';
import { alwaysAllowAuthorizer, type Authorizer } from '../authorizer/authorizer';
import { SelfSubjectRulesReviewREST } from '../selfsubjectrulesreview/storage';
import { SelfSubjectAccessReviewREST } from './storage';

const review = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec });

describe('selfsubjectaccessreviews', () => {
  const rest = new SelfSubjectAccessReviewREST(alwaysAllowAuthorizer);

  it('answers the authorizer decision as status, storing nothing', async () => {
    const out = await rest.create({}, review({ resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } }), undefined, {});
    expect(out.status).to.deep.equal({ allowed: true });
    expect(out.spec).to.deep.equal({ resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } });
  });

  it('passes the attributes asked about to the authorizer', async () => {
    const seen: unknown[] = [];
    const denying: Authorizer = { ...alwaysAllowAuthorizer, authorize: (a) => (seen.push(a), { allowed: false, denied: true, reason: 'no' }) };
    const out = await new SelfSubjectAccessReviewREST(denying).create({}, review({ nonResourceAttributes: { path: '/healthz', verb: 'get' } }), undefined, {});
    expect(seen).to.deep.equal([{ path: '/healthz', verb: 'get' }]);
    expect(out.status).to.deep.equal({ allowed: false, denied: true, reason: 'no' });
  });

  it('requires exactly one of resourceAttributes and nonResourceAttributes (422)', async () => {
    for (const spec of [{}, { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/' } }]) {
      try {
        await rest.create({}, review(spec), undefined, {});
        expect.fail('expected 422');
      } catch (err) {
        expect(isStatusError(err) && err.code).to.equal(422);
      }
    }
  });

  it('lists every rule for selfsubjectrulesreviews', async () => {
    const out = await new SelfSubjectRulesReviewREST(alwaysAllowAuthorizer).create({}, { spec: { namespace: 'default' } }, undefined, {});
    expect(out.status).to.deep.include({ incomplete: false, resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] });
  });
});
