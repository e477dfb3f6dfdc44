import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * The certificates of a caBundle that are not CAs. Go's crypto/x509 (and so kube-apiserver) treats
 * every certificate of the roots pool as a trust anchor, a server's own leaf too; OpenSSL (and so
 * Node) only trusts CA certificates there. Tools pin the leaf: controller-runtime's envtest sets a
 * webhook's caBundle to the webhook's serving certificate itself.
 */
export function leafAnchors(caBundle: Buffer | undefined): X509Certificate[] {
  if (!caBundle) return [];
  const blocks = caBundle.toString('utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const certs: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      const cert = new X509Certificate(block);
      if (!cert.ca) certs.push(cert);
    } catch {
      // An unparsable block trusts nothing, as in Go's AppendCertsFromPEM.
    }
  }
  return certs;
}

/**
 * After a handshake Node did not verify (rejectUnauthorized off because the bundle pins leaves):
 * the connection is trusted when OpenSSL verified the chain, or when the peer presented exactly one
 * of the pinned leaves, valid now and for `host`. Returns the error that must end the connection.
 */
export function verifyPinnedLeaf(socket: TLSSocket, host: string, anchors: readonly X509Certificate[]): Error | undefined {
  if (socket.authorized) return undefined;
  const peer = socket.getPeerX509Certificate();
  const pinned = peer && anchors.some((a) => a.raw.equals(peer.raw));
  const now = Date.now();
  if (!peer || !pinned || now < new Date(peer.validFrom).getTime() || now > new Date(peer.validTo).getTime()) {
    return Object.assign(new Error(String(socket.authorizationError)), { code: String(socket.authorizationError) });
  }
  const matches = isIP(host) ? peer.checkIP(host) : peer.checkHost(host);
  return matches === undefined ? new Error(`x509: certificate is not valid for ${host}`) : undefined;
}
