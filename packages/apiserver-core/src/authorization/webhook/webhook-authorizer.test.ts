import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadWebhookKubeconfig } from '../../util/webhook/kubeconfig';
import type { AuthorizationAttributes } from '../authorizer';
import { startWebhookTestServer, type WebhookTestServer } from './testing/webhook-test-server';
import { WebhookAuthorizer, type WebhookAuthorizerOptions } from './webhook-authorizer';

const alice = { name: 'alice', uid: 'a-1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['view'] } };
const getPod: AuthorizationAttributes = {
  user: alice,
  verb: 'get',
  resourceRequest: true,
  namespace: 'team',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'pods',
  subresource: 'log',
  name: 'web',
};
const healthz: AuthorizationAttributes = { user: { name: 'bob', groups: [] }, verb: 'get', resourceRequest: false, path: '/healthz' };

/** The decisions of a WebhookAuthorizer against a real HTTPS webhook (own CA, client certificate required). */
describe('WebhookAuthorizer over HTTPS', () => {
  let webhook: WebhookTestServer;
  const authorizers: WebhookAuthorizer[] = [];
  const newAuthorizer = (over: Partial<WebhookAuthorizerOptions> = {}) => {
    const a = new WebhookAuthorizer({
      client: loadWebhookKubeconfig(webhook.kubeconfigPath),
      version: 'v1',
      authorizedTTLMs: 0,
      unauthorizedTTLMs: 0,
      backoff: { durationMs: 10, factor: 1, jitter: 0, steps: 3 },
      ...over,
    });
    authorizers.push(a);
    return a;
  };

  before(async () => (webhook = await startWebhookTestServer({ token: 'secret-token' })));
  after(() => webhook.close());
  beforeEach(() => webhook.reset());
  afterEach(() => {
    for (const a of authorizers.splice(0)) a.close();
  });

  it('sends the SubjectAccessReview as kube does, with the client certificate and token, and follows an Allow', async () => {
    const result = await newAuthorizer().authorize(getPod);
    expect(result).to.deep.equal({ decision: 'Allow', reason: '' });
    expect(webhook.calls).to.have.length(1);
    expect(webhook.calls[0].clientCN).to.equal('kube-apiserver');
    expect(webhook.calls[0].headers.authorization).to.equal('Bearer secret-token');
    expect(webhook.calls[0].headers['content-type']).to.equal('application/json');
    expect(JSON.stringify(webhook.calls[0].body)).to.equal(
      JSON.stringify({
        kind: 'SubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { creationTimestamp: null },
        spec: {
          resourceAttributes: { namespace: 'team', verb: 'get', version: 'v1', resource: 'pods', subresource: 'log', name: 'web' },
          user: 'alice',
          groups: ['devs', 'system:authenticated'],
          extra: { scopes: ['view'] },
          uid: 'a-1',
        },
        status: { allowed: false },
      }),
    );
  });

  it('v1beta1 names the groups field "group"; non-resource requests send path and verb', async () => {
    await newAuthorizer({ version: 'v1beta1' }).authorize({ ...healthz, user: { name: 'bob', groups: ['g'] } });
    expect(webhook.calls[0].body).to.deep.equal({
      kind: 'SubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1beta1',
      metadata: { creationTimestamp: null },
      spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' }, user: 'bob', group: ['g'] },
      status: { allowed: false },
    });
  });

  it("a list's field selector goes as requirements (In for =, NotIn for !=)", async () => {
    await newAuthorizer().authorize({ ...getPod, verb: 'list', name: '', subresource: '', fieldSelector: 'spec.nodeName=n1,status.phase!=Failed' });
    expect((webhook.calls[0].body.spec as { resourceAttributes: unknown }).resourceAttributes).to.deep.equal({
      namespace: 'team',
      verb: 'list',
      version: 'v1',
      resource: 'pods',
      fieldSelector: {
        requirements: [
          { key: 'spec.nodeName', operator: 'In', values: ['n1'] },
          { key: 'status.phase', operator: 'NotIn', values: ['Failed'] },
        ],
      },
    });
  });

  it('denied is a Deny with the reason; neither allowed nor denied is no opinion; both is a Deny with an error', async () => {
    webhook.respond(() => ({ body: { status: { allowed: false, denied: true, reason: 'pods are off limits' } } }));
    expect(await newAuthorizer().authorize(getPod)).to.deep.equal({ decision: 'Deny', reason: 'pods are off limits' });
    webhook.respond(() => ({ body: { status: { allowed: false, reason: 'not my business' } } }));
    expect(await newAuthorizer().authorize(getPod)).to.deep.equal({ decision: 'NoOpinion', reason: 'not my business' });
    webhook.respond(() => ({ body: { status: { allowed: true, denied: true } } }));
    expect(await newAuthorizer().authorize(getPod)).to.deep.equal({
      decision: 'Deny',
      reason: '',
      evaluationError: 'webhook subject access review returned both allow and deny response',
    });
  });

  it('a failing webhook has no opinion with the error, after retrying a 500', async () => {
    webhook.respond(() => ({ code: 500, body: 'database on fire' }));
    const result = await newAuthorizer().authorize(getPod);
    expect(result.decision).to.equal('NoOpinion');
    expect(result.evaluationError).to.equal(
      'an error on the server ("database on fire") has prevented the request from succeeding (post subjectaccessreviews.authorization.k8s.io)',
    );
    expect(webhook.calls).to.have.length(3);
  });

  it('a Status answer reports its message, and a 403 is not retried', async () => {
    webhook.respond(() => ({ code: 403, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'apiserver may not ask', code: 403 } }));
    expect(await newAuthorizer().authorize(getPod)).to.deep.equal({ decision: 'NoOpinion', reason: '', evaluationError: 'apiserver may not ask' });
    expect(webhook.calls).to.have.length(1);
  });

  it('a webhook that does not answer in time has no opinion', async () => {
    webhook.respond(() => 'hang');
    const started = Date.now();
    const result = await newAuthorizer({ timeoutMs: 200, backoff: { durationMs: 10, factor: 1, jitter: 0, steps: 1 } }).authorize(getPod);
    expect(result.decision).to.equal('NoOpinion');
    expect(result.evaluationError).to.match(/context deadline exceeded/);
    expect(Date.now() - started).to.be.below(2000);
  });

  it("an unreachable webhook has no opinion with Go's connection-refused text", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(closed.address() as net.AddressInfo).port}/authorize`;
    await new Promise((resolve) => closed.close(resolve));
    const result = await newAuthorizer({ client: { ...loadWebhookKubeconfig(webhook.kubeconfigPath), server: url } }).authorize(getPod);
    expect(result).to.deep.equal({ decision: 'NoOpinion', reason: '', evaluationError: `Post "${url}": dial tcp ${new URL(url).host}: connect: connection refused` });
  });

  it('a webhook whose certificate the CA does not sign is refused', async () => {
    const other = await startWebhookTestServer();
    try {
      const config = { ...loadWebhookKubeconfig(webhook.kubeconfigPath), server: other.url };
      const result = await newAuthorizer({ client: config }).authorize(getPod);
      expect(result.decision).to.equal('NoOpinion');
      expect(result.evaluationError).to.match(/certificate/);
      expect(other.calls).to.have.length(0);
    } finally {
      await other.close();
    }
  });

  it('caches allowed answers for the authorized TTL and refusals for the unauthorized TTL', async () => {
    let allow = true;
    webhook.respond(() => ({ body: { status: { allowed: allow } } }));
    const a = newAuthorizer({ authorizedTTLMs: 300, unauthorizedTTLMs: 100 });
    expect((await a.authorize(getPod)).decision).to.equal('Allow');
    allow = false;
    expect((await a.authorize(getPod)).decision, 'cached allow').to.equal('Allow');
    expect(webhook.calls).to.have.length(1);
    expect((await a.authorize({ ...getPod, verb: 'delete' })).decision, 'another spec is asked').to.equal('NoOpinion');
    expect(webhook.calls).to.have.length(2);
    await new Promise((r) => setTimeout(r, 350));
    expect((await a.authorize(getPod)).decision, 'allow expired').to.equal('NoOpinion');
    allow = true;
    expect((await a.authorize(getPod)).decision, 'refusal cached').to.equal('NoOpinion');
    expect(webhook.calls).to.have.length(3);
    await new Promise((r) => setTimeout(r, 150));
    expect((await a.authorize(getPod)).decision, 'refusal expired').to.equal('Allow');
    expect(webhook.calls).to.have.length(4);
  });

  it('oversized attributes are not cached', async () => {
    const a = newAuthorizer({ authorizedTTLMs: 60_000 });
    const huge = { ...getPod, name: 'x'.repeat(10_000) };
    await a.authorize(huge);
    await a.authorize(huge);
    expect(webhook.calls).to.have.length(2);
  });

  it('errors are not cached', async () => {
    webhook.respond(() => ({ code: 400, body: 'bad' }));
    const a = newAuthorizer({ authorizedTTLMs: 60_000, unauthorizedTTLMs: 60_000 });
    expect((await a.authorize(getPod)).evaluationError).to.be.a('string');
    webhook.respond(() => ({ body: { status: { allowed: true } } }));
    expect((await a.authorize(getPod)).decision).to.equal('Allow');
  });

  it("cannot list rules: incomplete, with kube's error", () => {
    expect(newAuthorizer().rulesFor()).to.deep.equal({
      resourceRules: [],
      nonResourceRules: [],
      incomplete: true,
      evaluationError: 'webhook authorizer does not support user rule resolution',
    });
  });

  it('refuses an unknown version', () => {
    expect(() => newAuthorizer({ version: 'v2' as never })).to.throw('unsupported webhook authorizer version "v2", supported versions are "v1", "v1beta1"');
  });

  it('reads inline base64 credentials and insecure-skip-tls-verify from a kubeconfig', () => {
    const file = path.join(webhook.dir, 'inline.kubeconfig');
    writeFileSync(
      file,
      `clusters:\n- name: c\n  cluster: {server: "${webhook.url}", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: t, client-certificate-data: ${Buffer.from('CERT').toString('base64')}}\n`,
    );
    expect(loadWebhookKubeconfig(file)).to.deep.include({ server: webhook.url, insecureSkipTLSVerify: true, token: 't', cert: Buffer.from('CERT'), ca: undefined });
  });
});
