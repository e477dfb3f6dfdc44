import { expect } from 'chai';
import { isStatusError, TokenFileAuthenticator, wrapAudienceAgnosticToken, type KObject, type TokenAuthenticator } from '@kapi/apiserver-core';
import { SelfSubjectReviewREST } from '../selfsubjectreview/storage';
import { TokenReviewREST } from './storage';

const review = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec });
const tokenFile = new TokenFileAuthenticator(new Map([['s3cret', { name: 'alice', uid: 'u-1', groups: ['devs'] }]]));
const apiAudiences = ['https://kubernetes.default.svc.cluster.local'];
const tokens = wrapAudienceAgnosticToken(apiAudiences, tokenFile);

async function statusErrorOf(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (err) {
    if (isStatusError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a Status error');
}

describe('tokenreviews', () => {
  const rest = new TokenReviewREST(tokens, apiAudiences);

  it('authenticates a known token: user with system:authenticated, audiences defaulted to the API audiences', async () => {
    const out = await rest.create({}, review({ token: 's3cret' }), undefined, {});
    expect(out.status).to.deep.equal({
      authenticated: true,
      user: { username: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'] },
      audiences: apiAudiences,
    });
    expect(out.spec).to.deep.equal({ token: 's3cret' });
  });

  it("answers an unknown token with authenticated unset and kube's error, not an HTTP error", async () => {
    const out = await rest.create({}, review({ token: 'nope' }), undefined, {});
    expect(out.status).to.deep.equal({ user: {}, error: 'invalid bearer token' });
  });

  it("passes an authenticator's error through to status.error", async () => {
    const failing: TokenAuthenticator = {
      authenticateToken: async () => {
        throw new Error('oidc: verify token: oidc: token is expired');
      },
    };
    const out = await new TokenReviewREST(failing).create({}, review({ token: 'x' }), undefined, {});
    expect(out.status).to.deep.equal({ user: {}, error: 'oidc: verify token: oidc: token is expired' });
  });

  it('does not authenticate an audience-agnostic token for foreign spec.audiences', async () => {
    const out = await rest.create({}, review({ token: 's3cret', audiences: ['vault'] }), undefined, {});
    expect(out.status).to.deep.equal({ user: {}, error: 'invalid bearer token' });
  });

  it('is a 500 when an authenticator ignores the audiences it was asked for', async () => {
    const careless: TokenAuthenticator = { authenticateToken: async () => ({ user: { name: 'x', groups: [] }, audiences: ['other'] }) };
    expect(await statusErrorOf(new TokenReviewREST(careless, apiAudiences).create({}, review({ token: 't' }), undefined, {}))).to.deep.equal({
      code: 500,
      message: 'Internal error occurred: error validating audiences',
    });
  });

  it("refuses an empty token with kube's 400", async () => {
    expect(await statusErrorOf(rest.create({}, review({}), undefined, {}))).to.deep.equal({ code: 400, message: 'token is required for TokenReview in authentication' });
  });

  it('refuses a namespace', async () => {
    expect(await statusErrorOf(rest.create({ namespace: 'default' }, review({ token: 's3cret' }), undefined, {}))).to.deep.equal({
      code: 400,
      message: 'namespace is not allowed on this type: default',
    });
  });

  it('returns the review unanswered when the server has no token authenticator', async () => {
    const out = await new TokenReviewREST(undefined).create({}, review({ token: 's3cret' }), undefined, {});
    expect(out.status).to.equal(undefined);
  });
});

describe('selfsubjectreviews', () => {
  it("returns the request's user in status.userInfo", async () => {
    const user = { name: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a'] } };
    const out = await new SelfSubjectReviewREST('v1').create({ user }, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, undefined, {});
    expect(out.status).to.deep.equal({ userInfo: { username: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a'] } } });
    expect(out.metadata?.creationTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('is a 400 without a user on the request', async () => {
    expect(await statusErrorOf(new SelfSubjectReviewREST('v1').create({}, {}, undefined, {}))).to.deep.equal({ code: 400, message: 'no user present on request' });
  });
});
