import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ContainerModule } from 'inversify';
import {
  GenericAPIServer,
  GenericAPIServerKey,
  ServerRunOptionsKey,
  bindService,
  getService,
  type AuthenticationRequest,
  type AuthenticationResponse,
  type RequestAuthenticator,
  type TokenAuthenticator,
  type J,
} from '@kapi/apiserver-core';
import {
  builtinGroupModules,
  createServer,
  installServiceAccountDiscovery,
  Instance,
  newServiceAccountAuthenticator,
  type KapiServer,
  type ServerRunOptions,
} from '@kapi/controlplane';
import { kubectlOk } from './support/kubectl';

/**
 * A minimal bearer-token request authenticator (sec-authn brings the real one): a request without
 * an Authorization header stands for the cluster admin — as the client certificate of sec-serving
 * will — so kubectl can manage objects while a request with a token is judged by the token alone.
 */
function bearerOrAdmin(tokens: TokenAuthenticator): RequestAuthenticator {
  return {
    async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
      const header = req.headers.authorization;
      if (!header) return { user: { name: 'admin', groups: ['system:masters', 'system:authenticated'] } };
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return match ? tokens.authenticateToken(match[1]) : null;
    },
  };
}

/** Replaces the chain's GenericAPIServer with one that authenticates, wired as the lead will wire it. */
const authenticatingServerModule = new ContainerModule((_bind, _unbind, _isBound, rebind) => {
  bindService(rebind, GenericAPIServerKey)
    .toDynamicValue((ctx) => {
      const opts = getService(ctx.container, ServerRunOptionsKey) as ServerRunOptions;
      const authenticator = newServiceAccountAuthenticator(opts, () => ctx.container.get(Instance).groups);
      const server = new GenericAPIServer({ logLevel: 'silent', authentication: { authenticator: bearerOrAdmin(authenticator) } });
      installServiceAccountDiscovery(server, opts);
      // Who the request was authenticated as (SelfSubjectReview is not on this branch).
      server.nonResourceRouter.get('/whoami', (c) => {
        c.body = c.state.user;
      });
      return server;
    })
    .inSingletonScope();
});

/**
 * kubectl (client-go) sends a bearer token only over TLS; until sec-serving's HTTPS is merged the
 * token-bearing requests go out with fetch, the objects are managed with kubectl.
 */
async function withToken(url: string, token: string): Promise<{ status: number; body: J }> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  return { status: res.status, body: (await res.json()) as J };
}

describe('service account tokens through kubectl against an in-process server', function () {
  this.timeout(60_000);
  let server: KapiServer;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kapi-satoken-'));
    server = await createServer({ dataDir: dir, modules: [...builtinGroupModules, authenticatingServerModule] });
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('kubectl create token gives a bearer token that is the service account until the account is deleted', async () => {
    await kubectlOk(server.url, ['create', 'serviceaccount', 'robot']);
    const uid = (await kubectlOk(server.url, ['get', 'sa', 'robot', '-o', 'jsonpath={.metadata.uid}'])).trim();
    const token = (await kubectlOk(server.url, ['create', 'token', 'robot'])).trim();

    const who = (await withToken(`${server.url}/whoami`, token)).body;
    expect(who).to.deep.include({
      name: 'system:serviceaccount:default:robot',
      uid,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default'],
    });
    expect(who.extra['authentication.kubernetes.io/credential-id'][0]).to.match(/^JTI=[0-9a-f-]{36}$/);
    expect((await withToken(`${server.url}/api/v1/namespaces/default/configmaps`, token)).status).to.equal(200);

    await kubectlOk(server.url, ['delete', 'sa', 'robot']);
    const refused = await withToken(`${server.url}/api/v1/namespaces/default/configmaps`, token);
    expect(refused.status).to.equal(401);
    expect(refused.body).to.deep.include({ kind: 'Status', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  it('a token bound to a pod ends with the pod', async () => {
    await kubectlOk(server.url, ['create', 'serviceaccount', 'worker']);
    await kubectlOk(server.url, ['run', 'job', '--image=busybox', '--overrides={"spec":{"serviceAccountName":"worker"}}']);
    const token = (await kubectlOk(server.url, ['create', 'token', 'worker', '--bound-object-kind', 'Pod', '--bound-object-name', 'job'])).trim();
    const who = (await withToken(`${server.url}/whoami`, token)).body;
    expect(who.extra['authentication.kubernetes.io/pod-name']).to.deep.equal(['job']);
    await kubectlOk(server.url, ['delete', 'pod', 'job', '--grace-period=0', '--force']);
    expect((await withToken(`${server.url}/whoami`, token)).status).to.equal(401);
  });

  it('the discovery documents verify a kubectl-created token', async () => {
    await kubectlOk(server.url, ['create', 'serviceaccount', 'oidc']);
    const token = (await kubectlOk(server.url, ['create', 'token', 'oidc', '--audience', 'vault'])).trim();
    const config = JSON.parse(await kubectlOk(server.url, ['get', '--raw', '/.well-known/openid-configuration']));
    expect(config.issuer).to.equal('https://kubernetes.default.svc.cluster.local');
    expect(config.jwks_uri).to.equal(`https://${new URL(server.url).host}/openid/v1/jwks`);
    const jwks = JSON.parse(await kubectlOk(server.url, ['get', '--raw', '/openid/v1/jwks']));
    const { createLocalJWKSet, jwtVerify } = await import('jose');
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: config.issuer, audience: 'vault' });
    expect(payload.sub).to.equal('system:serviceaccount:default:oidc');
    // A token for another audience is not a credential for this API server.
    expect((await withToken(`${server.url}/whoami`, token)).status).to.equal(401);
  });
});
