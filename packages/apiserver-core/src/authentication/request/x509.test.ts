import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { expect } from 'chai';
import { newCertificateAuthority, newClientCertificate, newServingCertificate, type CertificateAuthority, type CertKeyPair } from '../../server/certs';
import { parseCertificateBundle } from './client-cert-verifier';
import { X509Authenticator } from './x509';

/** One request on a fresh TLS connection; the server answers what the authenticator made of it. */
function whoami(url: string, ca: string, client: CertKeyPair): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, cert: client.certPEM, key: client.keyPEM, agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
  });
}

describe('X509Authenticator across connections', function () {
  this.timeout(20_000);
  let caA: CertificateAuthority;
  let caB: CertificateAuthority;
  let roots: ReturnType<typeof parseCertificateBundle>;
  let server: https.Server;
  let url: string;

  before(async () => {
    caA = await newCertificateAuthority('ca-a');
    caB = await newCertificateAuthority('ca-b');
    roots = parseCertificateBundle(caA.certPEM);
    // The CA set is read per verification, as a reloaded --client-ca-file would be.
    const authenticator = new X509Authenticator(() => roots);
    const serving = await newServingCertificate(caA, ['127.0.0.1']);
    server = https.createServer({ cert: serving.certPEM, key: serving.keyPEM, ca: [caA.certPEM, caB.certPEM], requestCert: true, rejectUnauthorized: false }, (req, res) => {
      authenticator.authenticateRequest({ headers: req.headers, headersDistinct: req.headersDistinct, socket: req.socket as TLSSocket }).then(
        (r) => res.end(r ? `user ${r.user.name} ${r.user.groups.join(',')}` : 'none'),
        (err: Error) => res.end(`error ${err.message}`),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('the same certificate on a new connection is the same user, and a refused one stays refused', async () => {
    const alice = await newClientCertificate(caA, 'alice', ['dev']);
    const mallory = await newClientCertificate(caB, 'mallory', ['system:masters']);
    for (let i = 0; i < 3; i++) {
      expect(await whoami(url, caA.certPEM, alice)).to.equal('user alice dev');
      expect(await whoami(url, caA.certPEM, mallory)).to.match(
        /^error verifying certificate SN=\d+, subject "CN=mallory,O=system:masters" failed: x509: certificate signed by unknown authority$/,
      );
    }
  });

  it('outcomes follow the CA set: after the client CAs change, the same certificates are verified again', async () => {
    const alice = await newClientCertificate(caA, 'alice2');
    const bob = await newClientCertificate(caB, 'bob');
    expect(await whoami(url, caA.certPEM, alice)).to.equal('user alice2 ');
    expect(await whoami(url, caA.certPEM, bob)).to.match(/unknown authority/);
    roots = parseCertificateBundle(caB.certPEM);
    try {
      expect(await whoami(url, caA.certPEM, alice)).to.match(/unknown authority/);
      expect(await whoami(url, caA.certPEM, bob)).to.equal('user bob ');
    } finally {
      roots = parseCertificateBundle(caA.certPEM);
    }
  });
});
