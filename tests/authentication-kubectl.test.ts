import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from 'inversify';
import { GenericAPIServer, getService, RESTStorageProviderKey, TokenAuthenticatorKey, type RESTOptionsGetter, bindService, ServerRunOptionsKey } from '@kapi/apiserver-core';
import { buildTokenAuthenticator, newRuntimeConfigSource, newTokenRequestAuthenticators } from '@kapi/controlplane';
import { registryAuthenticationModule } from '@kapi/registry-authentication';
import { TestPKI } from '@kapi/apiserver-core/authentication/testing';
import { createServer as createHTTPSServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestServer } from './support/create-test-server';
import { kubectl as kubectlAt, type KubectlResult } from './support/kubectl';

const issuer = 'https://kubernetes.default.svc.cluster.local';

/**
 * client-go never sends a bearer token over plain HTTP, so the test serves the GenericAPIServer's
 * handler chain over HTTPS with a serving certificate of its own CA (the secure port is another
 * branch's work).
 *
 * authentication.k8s.io through a GenericAPIServer whose authentication is the bearer-token
 * authenticator over a --token-auth-file, driven by the real kubectl: `auth whoami` is a
 * SelfSubjectReview, `create -f` of a TokenReview is answered by the same token authenticators.
 */
describe('kubectl auth whoami and TokenReview with static tokens', function () {
  this.timeout(60_000);
  let dir: string;
  let server: GenericAPIServer;
  let url: string;
  let https: Server;
  let caFile: string;
  const pki = new TestPKI();
  const kubectl = (args: string[], opts: { input?: string } = {}): Promise<KubectlResult> => kubectlAt(url, ['--certificate-authority', caFile, ...args], opts);
  const kubectlOk = async (args: string[], opts: { input?: string } = {}): Promise<string> => {
    const r = await kubectl(args, opts);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kapi-authn-'));
    const tokenFile = join(dir, 'tokens.csv');
    writeFileSync(tokenFile, 'alice-token,alice,uid-1,"devs,system:masters"\nbob-token,bob,uid-2\n');
    const tokens = buildTokenAuthenticator({ serviceAccountIssuer: issuer, tokenAuthFile: tokenFile })!;
    const [bearer] = newTokenRequestAuthenticators(tokens, [issuer]);
    server = new GenericAPIServer({ authentication: { authenticator: bearer } });
    const container = new Container();
    bindService(container, TokenAuthenticatorKey).toConstantValue(tokens);
    bindService(container, ServerRunOptionsKey).toConstantValue({ serviceAccountIssuer: issuer });
    container.load(registryAuthenticationModule);
    const provider = getService(container, RESTStorageProviderKey);
    const storesNothing: RESTOptionsGetter = {
      getRESTOptions: () => {
        throw new Error('authentication.k8s.io stores nothing');
      },
    };
    server.installAPIGroups(await provider.newRESTStorage(newRuntimeConfigSource({}), storesNothing));
    await server.run('127.0.0.1', 0);
    const ca = pki.newCA('kapi-test-ca');
    caFile = pki.file('ca.crt', ca.cert);
    https = createHTTPSServer(pki.issue(ca, { cn: 'kapi', usages: ['serverAuth'], ips: ['127.0.0.1'] }), server.app.callback());
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  });

  after(async () => {
    https?.close();
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
    pki.dispose();
  });

  it("auth whoami --token prints the token file's user, uid and groups", async () => {
    const out = await kubectlOk(['auth', 'whoami', '--token', 'alice-token']);
    expect(out.split('\n').map((l) => l.trim().split(/\s{2,}/))).to.deep.include.members([
      ['ATTRIBUTE', 'VALUE'],
      ['Username', 'alice'],
      ['UID', 'uid-1'],
      ['Groups', '[devs system:masters]'],
    ]);
  });

  it('auth whoami -o json returns the SelfSubjectReview', async () => {
    const review = JSON.parse(await kubectlOk(['auth', 'whoami', '--token', 'bob-token', '-o', 'json']));
    expect(review).to.deep.include({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(review.status).to.deep.equal({ userInfo: { username: 'bob', uid: 'uid-2' } });
  });

  it('an unknown token is a 401 that kubectl reports as not logged in', async () => {
    const r = await kubectl(['auth', 'whoami', '--token', 'nope']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('error: You must be logged in to the server (Unauthorized)');
  });

  it('create -f TokenReview answers for another token, with the API audiences', async () => {
    const body = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'bob-token' } });
    const review = JSON.parse(await kubectlOk(['create', '-f', '-', '-o', 'json', '--token', 'alice-token'], { input: body }));
    expect(review.status).to.deep.equal({
      authenticated: true,
      user: { username: 'bob', uid: 'uid-2', groups: ['system:authenticated'] },
      audiences: [issuer],
    });
  });

  it("a TokenReview of an unknown token is created with an error status; an empty token is kube's 400", async () => {
    const unknown = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'nope' } });
    const review = JSON.parse(await kubectlOk(['create', '-f', '-', '-o', 'json', '--token', 'alice-token'], { input: unknown }));
    expect(review.status).to.deep.equal({ user: {}, error: 'invalid bearer token' });
    const empty = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: {} });
    const r = await kubectl(['create', '-f', '-', '--token', 'alice-token'], { input: empty });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('token is required for TokenReview in authentication');
  });

  it('discovery lists tokenreviews and selfsubjectreviews as create-only, cluster-scoped resources', async () => {
    const list = JSON.parse(await kubectlOk(['get', '--raw', '/apis/authentication.k8s.io/v1', '--token', 'alice-token']));
    const rows = list.resources.map((r: { name: string; namespaced: boolean; verbs: string[]; kind: string }) => [r.name, r.namespaced, r.verbs, r.kind]);
    expect(rows).to.deep.equal([
      ['selfsubjectreviews', false, ['create'], 'SelfSubjectReview'],
      ['tokenreviews', false, ['create'], 'TokenReview'],
    ]);
  });
});

/** The server chain binds the flags' token authenticators for TokenReview. */
describe('createServer with a token file answers TokenReviews', function () {
  this.timeout(60_000);

  it('reviews a token of --token-auth-file through the full chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kapi-authn-chain-'));
    const tokenAuthFile = join(dir, 'tokens.csv');
    writeFileSync(tokenAuthFile, 'carol-token,carol,uid-3,ops\n');
    const server = await createTestServer({ tokenAuthFile, apiAudiences: ['kapi'] });
    try {
      const post = (token: string) =>
        fetch(`${server.url}/apis/authentication.k8s.io/v1/tokenreviews`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }),
        });
      const ok = await post('carol-token');
      expect(ok.status).to.equal(201);
      expect(((await ok.json()) as { status: unknown }).status).to.deep.equal({
        authenticated: true,
        user: { username: 'carol', uid: 'uid-3', groups: ['ops', 'system:authenticated'] },
        audiences: ['kapi'],
      });
      expect(((await (await post('other')).json()) as { status: unknown }).status).to.deep.equal({ user: {}, error: 'invalid bearer token' });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
