import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { loadCertificateAuthority, newCertificateAuthority } from './certificate-authority';
import { newClientCertificate, newServingCertificate } from './sign';

/** Resolves with the TLS error of a GET to `host` (undefined when the handshake and request succeed). */
function handshake(port: number, servername: string, ca: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, servername, ca, agent: false, headers: { host: servername } }, (res) => {
      res.resume();
      res.on('end', () => resolve(undefined));
    });
    req.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? err.message));
  });
}

describe('certificates', () => {
  it('a CA is a CA, and one read back from its PEMs signs certificates the original verifies', async () => {
    const ca = await newCertificateAuthority('kapi-ca');
    const x = new X509Certificate(ca.certPEM);
    expect(x.ca).to.equal(true);
    expect(x.subject).to.equal('CN=kapi-ca');
    const reloaded = await loadCertificateAuthority({ certPEM: ca.certPEM, keyPEM: ca.keyPEM });
    const leaf = new X509Certificate((await newClientCertificate(reloaded, 'bob')).certPEM);
    expect(leaf.verify(x.publicKey)).to.equal(true);
    expect(leaf.checkIssued(x)).to.equal(true);
  });

  it('a client certificate carries the user as CN, each group as O, and the clientAuth usage', async () => {
    const ca = await newCertificateAuthority('kapi-ca');
    const cert = new X509Certificate((await newClientCertificate(ca, 'alice', ['system:masters', 'dev'])).certPEM);
    expect(cert.subject).to.equal('CN=alice\nO=system:masters\nO=dev');
    expect(cert.keyUsage).to.deep.equal(['1.3.6.1.5.5.7.3.2']);
    expect(cert.ca).to.equal(false);
  });

  it('a serving certificate passes TLS hostname verification for its SANs and fails for other names', async () => {
    const ca = await newCertificateAuthority('kapi-ca');
    const serving = await newServingCertificate(ca, ['localhost', '127.0.0.1', 'kubernetes.default.svc']);
    const server = https.createServer({ cert: serving.certPEM, key: serving.keyPEM }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await handshake(port, 'localhost', ca.certPEM)).to.equal(undefined);
      expect(await handshake(port, 'kubernetes.default.svc', ca.certPEM)).to.equal(undefined);
      expect(await handshake(port, 'elsewhere.example', ca.certPEM)).to.equal('ERR_TLS_CERT_ALTNAME_INVALID');
      const other = await newCertificateAuthority('other');
      expect(await handshake(port, 'localhost', other.certPEM)).to.equal('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      server.close();
    }
  });
});
