import http from 'node:http';
import https from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { expect } from 'chai';
import {
  GenericAPIServer,
  newCertificateAuthority,
  newClientCertificate,
  newServingCertificate,
  userOf,
  type CertificateAuthority,
  type CertKeyPair,
  type TokenAuthenticator,
} from '@kapi/apiserver-core';
import { buildAuthenticator } from './build-authenticator';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** One request over a fresh TLS connection, with or without a client certificate. */
function get(url: string, ca: string, client?: CertKeyPair, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, cert: client?.certPEM, key: client?.keyPEM, agent: false, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
}

const unauthorized = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A test token authenticator: one known token, and one that is known to be bad. */
const tokens: TokenAuthenticator = {
  authenticateToken: async (token) => {
    if (token === 'good-token') return { user: { name: 'token-user', groups: ['token-group'] } };
    if (token === 'revoked') throw new Error('token revoked');
    return null;
  },
};

/**
 * A server whose /whoami answers the authenticated user, serving HTTPS with kapi's authenticator
 * chain; the TLS layer may advertise more CAs (`tlsClientCAs`, as with a front proxy's) than x509 trusts.
 */
async function startServer(ca: CertificateAuthority, anonymous: boolean, insecurePort?: number, tlsClientCAs = ca.certPEM): Promise<GenericAPIServer> {
  const serving = await newServingCertificate(ca, ['127.0.0.1', 'localhost']);
  const authenticator = buildAuthenticator({ anonymous, clientCA: ca.certPEM, tokens });
  const server = new GenericAPIServer({
    secureServing: { cert: serving.certPEM, key: serving.keyPEM, clientCA: tlsClientCAs },
    authentication: { authenticator },
    insecurePort,
    logLevel: 'silent',
  });
  server.nonResourceRouter.get('/whoami', (ctx) => {
    ctx.body = userOf(ctx);
  });
  await server.run('127.0.0.1', 0);
  return server;
}

describe('buildAuthenticator over real TLS connections', function () {
  this.timeout(20_000);
  let ca: CertificateAuthority;
  let otherCA: CertificateAuthority;
  let server: GenericAPIServer;
  let url: string;
  before(async () => {
    ca = await newCertificateAuthority('test-ca');
    otherCA = await newCertificateAuthority('other-ca');
    server = await startServer(ca, true);
    url = server.url();
  });
  after(() => server.shutdown());

  it('a client certificate of the client CA is its CN, with its Os and system:authenticated', async () => {
    const alice = await newClientCertificate(ca, 'alice', ['dev', 'ops']);
    const r = await get(`${url}/whoami`, ca.certPEM, alice);
    expect(r).to.deep.equal({ status: 200, body: { name: 'alice', groups: ['dev', 'ops', 'system:authenticated'] } });
  });

  it('no certificate and no token is system:anonymous in system:unauthenticated', async () => {
    const r = await get(`${url}/whoami`, ca.certPEM);
    expect(r).to.deep.equal({ status: 200, body: { name: 'system:anonymous', groups: ['system:unauthenticated'] } });
  });

  it('a certificate from another CA is 401, not anonymous', async () => {
    const mallory = await newClientCertificate(otherCA, 'mallory', ['system:masters']);
    expect(await get(`${url}/whoami`, ca.certPEM, mallory)).to.deep.equal({ status: 401, body: unauthorized });
  });

  it("a certificate of a CA the TLS layer also trusts (a front proxy's) is no user for x509: 401", async () => {
    const frontProxyCA = await newCertificateAuthority('front-proxy-ca');
    const both = await startServer(ca, true, undefined, ca.certPEM + frontProxyCA.certPEM);
    try {
      const proxy = await newClientCertificate(frontProxyCA, 'front-proxy-client');
      expect(await get(`${both.url()}/whoami`, ca.certPEM, proxy)).to.deep.equal({ status: 401, body: unauthorized });
      const alice = await newClientCertificate(ca, 'alice');
      expect((await get(`${both.url()}/whoami`, ca.certPEM, alice)).body).to.deep.include({ name: 'alice' });
    } finally {
      await both.shutdown();
    }
  });

  it('an expired certificate and one not yet valid are 401', async () => {
    const expired = await newClientCertificate(ca, 'old', [], { notBefore: new Date(Date.now() - 2 * 86400_000), notAfter: new Date(Date.now() - 86400_000) });
    expect((await get(`${url}/whoami`, ca.certPEM, expired)).status).to.equal(401);
    const early = await newClientCertificate(ca, 'early', [], { notBefore: new Date(Date.now() + 86400_000), notAfter: new Date(Date.now() + 2 * 86400_000) });
    expect((await get(`${url}/whoami`, ca.certPEM, early)).status).to.equal(401);
  });

  it('a certificate without the clientAuth usage is 401', async () => {
    const serverOnly = await newClientCertificate(ca, 'svc', [], { usages: ['1.3.6.1.5.5.7.3.1'] });
    expect(await get(`${url}/whoami`, ca.certPEM, serverOnly)).to.deep.equal({ status: 401, body: unauthorized });
  });

  it('a known bearer token is its user; an unknown or failing token is 401, not anonymous', async () => {
    const ok = await get(`${url}/whoami`, ca.certPEM, undefined, { Authorization: 'Bearer good-token' });
    expect(ok.body).to.deep.equal({ name: 'token-user', groups: ['token-group', 'system:authenticated'] });
    expect(await get(`${url}/whoami`, ca.certPEM, undefined, { Authorization: 'Bearer nobody-knows' })).to.deep.equal({ status: 401, body: unauthorized });
    expect((await get(`${url}/whoami`, ca.certPEM, undefined, { Authorization: 'Bearer revoked' })).status).to.equal(401);
  });

  it('a good token wins over a bad client certificate (the union collects errors)', async () => {
    const mallory = await newClientCertificate(otherCA, 'mallory');
    const r = await get(`${url}/whoami`, ca.certPEM, mallory, { Authorization: 'Bearer good-token' });
    expect(r.body.name).to.equal('token-user');
  });

  describe('with --anonymous-auth=false and the insecure port open', () => {
    let closed: GenericAPIServer;
    before(async () => {
      closed = await startServer(ca, false, await freePort());
    });

    it('a request on the loopback insecure port is system:unsecured in system:masters', async () => {
      expect(closed.insecureURL()).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        http
          .get(`${closed.insecureURL()}/whoami`, (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(JSON.parse(body)).to.deep.equal({ name: 'system:unsecured', groups: ['system:masters', 'system:authenticated'] });
    });
    after(() => closed.shutdown());

    it('a request without credentials is 401 Unauthorized', async () => {
      expect(await get(`${closed.url()}/whoami`, ca.certPEM)).to.deep.equal({ status: 401, body: unauthorized });
    });

    it('a good certificate still authenticates', async () => {
      const bob = await newClientCertificate(ca, 'bob');
      expect((await get(`${closed.url()}/whoami`, ca.certPEM, bob)).body).to.deep.equal({ name: 'bob', groups: ['system:authenticated'] });
    });
  });
});
