import { expect } from 'chai';
import { startWebhookTestServer, type WebhookTestServer } from '../../authorization/webhook/testing/webhook-test-server';
import { loadWebhookKubeconfig } from '../../util/webhook/kubeconfig';
import { WebhookTokenAuthenticator } from './webhook';

/** The webhook token authenticator against a real HTTPS TokenReview endpoint (own CA, client certificate required). */
describe('WebhookTokenAuthenticator over HTTPS', () => {
  let webhook: WebhookTestServer;
  let authn: WebhookTokenAuthenticator;
  before(async () => (webhook = await startWebhookTestServer({ token: 'secret-token' })));
  after(() => webhook.close());
  beforeEach(() => {
    webhook.reset();
    authn = new WebhookTokenAuthenticator({ client: loadWebhookKubeconfig(webhook.kubeconfigPath), version: 'v1', backoff: { durationMs: 10, factor: 1, jitter: 0, steps: 2 } });
  });
  afterEach(() => authn.close());

  it('sends a TokenReview and takes the user it answers', async () => {
    webhook.respond((call) => ({
      body: {
        ...call.body,
        status: {
          authenticated: true,
          user: { username: 'system:serviceaccount:default:reader', uid: 'u-1', groups: ['system:serviceaccounts'], extra: { 'authentication.kubernetes.io/pod-name': ['p'] } },
          audiences: ['api'],
        },
      },
    }));
    const resp = await authn.authenticateToken('the-token', ['api']);
    expect(webhook.calls[0].body).to.deep.include({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview' });
    expect(webhook.calls[0].body.spec).to.deep.equal({ token: 'the-token', audiences: ['api'] });
    expect(resp).to.deep.equal({
      user: { name: 'system:serviceaccount:default:reader', uid: 'u-1', groups: ['system:serviceaccounts'], extra: { 'authentication.kubernetes.io/pod-name': ['p'] } },
      audiences: ['api'],
    });
  });

  it("has no opinion on a token the reviewer does not know, fails with the review's error, and fails when the call fails", async () => {
    webhook.respond((call) => ({ body: { ...call.body, status: { authenticated: false } } }));
    expect(await authn.authenticateToken('unknown')).to.equal(null);
    webhook.respond((call) => ({ body: { ...call.body, status: { authenticated: false, error: 'token expired' } } }));
    await authn.authenticateToken('old').then(
      () => expect.fail('resolved'),
      (err: Error) => expect(err.message).to.equal('token expired'),
    );
    webhook.respond(() => ({ code: 500, body: { message: 'boom' } }));
    await authn.authenticateToken('any').then(
      () => expect.fail('resolved'),
      (err: Error) => expect(err).to.be.instanceOf(Error),
    );
  });

  it('refuses an answer for audiences other than the ones asked about', async () => {
    webhook.respond((call) => ({ body: { ...call.body, status: { authenticated: true, user: { username: 'x' }, audiences: ['other'] } } }));
    await authn.authenticateToken('t', ['api']).then(
      () => expect.fail('resolved'),
      (err: Error) => expect(err.message).to.equal('token audiences is invalid for this reviewer'),
    );
  });
});
