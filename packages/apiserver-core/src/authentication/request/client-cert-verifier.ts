import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { readFlagFile } from '../read-file';

const clientAuthUsage = '1.3.6.1.5.5.7.3.2';
const anyExtendedKeyUsage = '2.5.29.37.0';

/** Every certificate of a PEM bundle (a CA file may hold several). */
export function parseCertificateBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

export function readCertificateBundle(path: string): X509Certificate[] {
  const certs = parseCertificateBundle(readFlagFile(path));
  if (certs.length === 0) throw new Error(`error reading ${path}: data does not contain any valid RSA or ECDSA certificates`);
  return certs;
}

/** The client's certificate chain as it sent it (leaf first), or [] without TLS or a client certificate. */
export function peerCertificates(socket: Socket): X509Certificate[] {
  return peerCertificateChain(socket).map((cert) => new X509Certificate(cert.raw));
}

/**
 * The chain as TLS reports it (leaf first), before any parsing: its fingerprints identify what the
 * client presented, which is all a cache of verification outcomes needs.
 */
export function peerCertificateChain(socket: Socket): PeerCertificate[] {
  const tls = socket as TLSSocket;
  if (typeof tls.getPeerCertificate !== 'function') return [];
  const chain: PeerCertificate[] = [];
  let cert: PeerCertificate | undefined = tls.getPeerCertificate(true) as PeerCertificate & { issuerCertificate?: PeerCertificate };
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(cert);
    cert = (cert as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
  }
  return chain;
}

/** Go's CertificateInvalidError text (RFC 3339 times, no fraction) for an expired or not yet valid certificate. */
export function checkValidity(cert: X509Certificate, now: Date): void {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (now < from) throw new Error(`x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is before ${rfc3339(from)}`);
  if (now > to) throw new Error(`x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is after ${rfc3339(to)}`);
}

function issues(issuer: X509Certificate, cert: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

/**
 * x509.Certificate.Verify with KeyUsages [ClientAuth]: the leaf must chain, through the
 * intermediates the client sent, to one of the roots, every link within its validity period, and
 * the leaf must be usable for client authentication. Errors carry crypto/x509's texts.
 */
export function verifyClientCertificate(chain: readonly X509Certificate[], roots: readonly X509Certificate[], now = new Date()): void {
  const [leaf, ...intermediates] = chain;
  checkValidity(leaf, now);
  const usages = leaf.keyUsage;
  if (usages?.length && !usages.includes(clientAuthUsage) && !usages.includes(anyExtendedKeyUsage)) {
    throw new Error('x509: certificate specifies an incompatible key usage');
  }
  let cert = leaf;
  for (let depth = 0; depth <= intermediates.length; depth++) {
    if (roots.some((root) => issues(root, cert) || root.fingerprint256 === cert.fingerprint256)) {
      const root = roots.find((r) => issues(r, cert) || r.fingerprint256 === cert.fingerprint256)!;
      checkValidity(root, now);
      return;
    }
    const next = intermediates.find((c) => c.ca && issues(c, cert));
    if (!next) break;
    checkValidity(next, now);
    cert = next;
  }
  throw new Error('x509: certificate signed by unknown authority');
}

/** The subject's CN, as pkix.Name.CommonName reads it. */
export function commonNameOf(cert: X509Certificate): string {
  const line = cert.subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : '';
}
