import { expect } from 'chai';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AuthenticationResponse } from '../authenticator';
import { TestPKI, type KeyPair } from '../testing/pki';
import { parseCertificateBundle } from './client-cert-verifier';
import { RequestHeaderAuthenticator, type RequestHeaderConfig } from './request-header';

type Outcome = { response: AuthenticationResponse | null; headersLeft: string[] } | { error: string };

/**
 * A real HTTPS server that asks for (but does not require) a client certificate, as kube's secure
 * port does, and answers with what the request-header authenticator made of the request.
 */
function startServer(serving: KeyPair, clientCAs: string, config: RequestHeaderConfig): Promise<Server> {
  const auth = new RequestHeaderAuthenticator(config);
  const server = createServer({ ...serving, ca: clientCAs, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    auth.authenticateRequest({ headers: req.headers, headersDistinct: req.headersDistinct, socket: req.socket }).then(
      (response) => res.end(JSON.stringify({ response, headersLeft: Object.keys(req.headers).filter((h) => h.startsWith('x-remote')) })),
      (err: Error) => res.end(JSON.stringify({ error: err.message })),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function call(server: Server, servingCA: string, client: KeyPair | undefined, headers: Array<[string, string]>): Promise<Outcome> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api', ca: servingCA, ...(client ?? {}) }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    // Repeated headers go on the wire as separate lines, as a proxy sends one group per line.
    for (const [name, value] of headers) {
      const prev = req.getHeader(name);
      req.setHeader(name, prev === undefined ? value : [...([] as string[]).concat(prev as string | string[]), value]);
    }
    req.on('error', reject);
    req.end();
  });
}

describe('request-header (front proxy) authentication over TLS', function () {
  this.timeout(30_000);
  const pki = new TestPKI();
  let server: Server;
  let servingCA: KeyPair;
  let proxyClient: KeyPair;
  let otherCNClient: KeyPair;
  let foreignClient: KeyPair;
  let serverOnlyCert: KeyPair;
  let serving: KeyPair;
  let proxyCA: KeyPair;
  let config: RequestHeaderConfig;
  const identity: Array<[string, string]> = [
    ['X-Remote-User', 'alice'],
    ['X-Remote-Uid', 'u-1'],
    ['X-Remote-Group', 'devs'],
    ['X-Remote-Group', 'ops, on-call'],
    ['X-Remote-Extra-Example.com%2Fscope', 'read'],
    ['X-Remote-Extra-Example.com%2Fscope', 'write'],
    ['X-Remote-Extra-Acme%41ID', 'x'],
  ];

  before(async () => {
    servingCA = pki.newCA('serving-ca');
    proxyCA = pki.newCA('front-proxy-ca');
    const otherCA = pki.newCA('client-ca');
    proxyClient = pki.issue(proxyCA, { cn: 'front-proxy-client', usages: ['clientAuth'] });
    otherCNClient = pki.issue(proxyCA, { cn: 'mallory', usages: ['clientAuth'] });
    serverOnlyCert = pki.issue(proxyCA, { cn: 'front-proxy-client', usages: ['serverAuth'] });
    foreignClient = pki.issue(otherCA, { cn: 'front-proxy-client', usages: ['clientAuth'] });
    serving = pki.issue(servingCA, { cn: 'kapi', usages: ['serverAuth'], ips: ['127.0.0.1'] });
    config = {
      clientCA: parseCertificateBundle(proxyCA.cert),
      allowedNames: ['front-proxy-client'],
      usernameHeaders: ['X-Remote-User'],
      uidHeaders: ['X-Remote-Uid'],
      groupHeaders: ['X-Remote-Group'],
      extraHeaderPrefixes: ['X-Remote-Extra-'],
    };
    server = await startServer(serving, proxyCA.cert + otherCA.cert, config);
  });

  after(() => {
    server?.close();
    pki.dispose();
  });

  it('takes the user from the headers of an allowed proxy certificate and removes them', async () => {
    const out = await call(server, servingCA.cert, proxyClient, identity);
    expect(out).to.deep.equal({
      response: { user: { name: 'alice', uid: 'u-1', groups: ['devs', 'ops, on-call'], extra: { 'example.com/scope': ['read', 'write'], acmeAid: ['x'] } } },
      headersLeft: [],
    });
  });

  it('has no opinion when the proxy sends no username header', async () => {
    expect(await call(server, servingCA.cert, proxyClient, [['X-Remote-Group', 'devs']])).to.deep.equal({ response: null, headersLeft: ['x-remote-group'] });
  });

  it('has no opinion without a client certificate, leaving the headers alone', async () => {
    expect(await call(server, servingCA.cert, undefined, identity)).to.deep.include({ response: null });
  });

  it('refuses a proxy certificate whose CN is not in --requestheader-allowed-names', async () => {
    expect(await call(server, servingCA.cert, otherCNClient, identity)).to.deep.equal({ error: 'x509: subject with cn=mallory is not in the allowed list' });
  });

  it('refuses a client certificate signed by another CA, even with an allowed CN', async () => {
    expect(await call(server, servingCA.cert, foreignClient, identity)).to.deep.equal({ error: 'x509: certificate signed by unknown authority' });
  });

  it('refuses a certificate not meant for client authentication', async () => {
    expect(await call(server, servingCA.cert, serverOnlyCert, identity)).to.deep.equal({ error: 'x509: certificate specifies an incompatible key usage' });
  });

  it('accepts a proxy certificate that chains to the CA through the intermediate it sends', async () => {
    const intermediate = pki.issueCA(proxyCA, 'front-proxy-intermediate');
    const leaf = pki.issue(intermediate, { cn: 'front-proxy-client', usages: ['clientAuth'] });
    const out = await call(server, servingCA.cert, { cert: leaf.cert + intermediate.cert, key: leaf.key }, [['X-Remote-User', 'carol']]);
    expect(out).to.deep.equal({ response: { user: { name: 'carol', groups: [] } }, headersLeft: [] });
    // Without the intermediate the chain does not reach the CA.
    expect(await call(server, servingCA.cert, leaf, [['X-Remote-User', 'carol']])).to.deep.equal({ error: 'x509: certificate signed by unknown authority' });
  });

  it('accepts any CN the CA signed when no names are configured', async () => {
    const anyName = await startServer(serving, proxyCA.cert, { ...config, allowedNames: [] });
    try {
      const out = await call(anyName, servingCA.cert, otherCNClient, [['X-Remote-User', 'bob']]);
      expect(out).to.deep.equal({ response: { user: { name: 'bob', groups: [] } }, headersLeft: [] });
    } finally {
      anyName.close();
    }
  });
});
