import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { expect } from 'chai';
import { newCertificateAuthority } from '../../server/certs/certificate-authority';
import { newServingCertificate } from '../../server/certs/sign';
import { leafAnchors, verifyPinnedLeaf } from './leaf-anchors';

/** A handshake with a server presenting `served`, not verified by Node, for verifyPinnedLeaf to judge. */
async function handshake(served: { certPEM: string; keyPEM: string }, host: string, anchorsPEM: string): Promise<Error | undefined> {
  const server = createServer({ cert: served.certPEM, key: served.keyPEM }, (s) => s.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const socket: TLSSocket = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', ca: anchorsPEM, rejectUnauthorized: false });
    await once(socket, 'secureConnect');
    const err = verifyPinnedLeaf(socket, host, leafAnchors(Buffer.from(anchorsPEM)));
    socket.destroy();
    return err;
  } finally {
    server.close();
  }
}

describe('caBundle leaf anchors (Go x509 roots semantics)', () => {
  it('collects only the non-CA certificates of a bundle', async () => {
    const ca = await newCertificateAuthority('hook-ca');
    const leaf = await newServingCertificate(ca, ['127.0.0.1']);
    expect(leafAnchors(Buffer.from(ca.certPEM + leaf.certPEM)).map((c) => c.subject)).to.deep.equal([`CN=kube-apiserver`]);
    expect(leafAnchors(undefined)).to.deep.equal([]);
  });

  it('trusts a server presenting exactly the pinned leaf for its host, and nothing else', async () => {
    const ca = await newCertificateAuthority('hook-ca');
    const leaf = await newServingCertificate(ca, ['127.0.0.1']);
    const other = await newServingCertificate(ca, ['127.0.0.1']);
    expect(await handshake(leaf, '127.0.0.1', leaf.certPEM)).to.equal(undefined);
    expect((await handshake(leaf, '192.0.2.1', leaf.certPEM))?.message).to.equal('x509: certificate is not valid for 192.0.2.1');
    // Another leaf of the same CA is not pinned (the CA itself is not in the bundle).
    expect(await handshake(other, '127.0.0.1', leaf.certPEM)).to.be.an('error');
  });
});
