import { X509Certificate } from 'node:crypto';
import { TLSSocket, type DetailedPeerCertificate } from 'node:tls';
import * as x509 from '@peculiar/x509';
import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator } from '../authenticator';

const clientAuthUsage = '1.3.6.1.5.5.7.3.2';
const anyExtendedKeyUsage = '2.5.29.37.0';
const maxChainLength = 8;

/** Every PEM certificate of a bundle (--client-ca-file may hold several CAs). */
export function parseCertificateBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

/** The certificates the client presented, leaf first (Node links them through issuerCertificate). */
function presentedChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let peer = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined;
  while (peer?.raw && chain.length < maxChainLength) {
    chain.push(new X509Certificate(peer.raw));
    if (!peer.issuerCertificate || peer.issuerCertificate === peer || peer.issuerCertificate.fingerprint256 === peer.fingerprint256) break;
    peer = peer.issuerCertificate;
  }
  return chain;
}

/** Go's CertificateInvalidError text for an expired or not yet valid certificate. */
function checkValidity(cert: X509Certificate, now: Date): void {
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (now < notBefore) throw new Error(`x509: certificate has expired or is not yet valid: current time ${iso(now)} is before ${iso(notBefore)}`);
  if (now > notAfter) throw new Error(`x509: certificate has expired or is not yet valid: current time ${iso(now)} is after ${iso(notAfter)}`);
}

function extendedKeyUsages(cert: X509Certificate): string[] | undefined {
  const ext = new x509.X509Certificate(cert.raw).getExtension(x509.ExtendedKeyUsageExtension);
  return ext?.usages.map(String);
}

/** x509.VerifyOptions{KeyUsages: ClientAuth}: no EKU means any usage, as in Go. */
function checkClientAuth(cert: X509Certificate): void {
  const usages = extendedKeyUsages(cert);
  if (usages && !usages.includes(clientAuthUsage) && !usages.includes(anyExtendedKeyUsage)) {
    throw new Error('x509: certificate specifies an incompatible key usage');
  }
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

/**
 * Builds a chain from the leaf through the presented intermediates to one of `roots`, checking each
 * link's signature and validity window — the part of Go's Certificate.Verify the authenticator needs.
 */
export function verifyClientCertificate(chain: X509Certificate[], roots: X509Certificate[], now = new Date()): void {
  const [leaf, ...intermediates] = chain;
  if (!leaf) throw new Error('x509: no certificate');
  checkClientAuth(leaf);
  let current = leaf;
  for (let depth = 0; depth < maxChainLength; depth++) {
    checkValidity(current, now);
    const root = roots.find((r) => signedBy(current, r));
    if (root) {
      checkValidity(root, now);
      return;
    }
    const next = intermediates.find((i) => i !== current && i.ca && signedBy(current, i));
    if (!next) break;
    current = next;
  }
  throw new Error('x509: certificate signed by unknown authority');
}

/** CommonNameUserConversion: CN is the user name, every O a group. */
function userOf(cert: X509Certificate): AuthenticationResponse {
  const name = new x509.X509Certificate(cert.raw).subjectName;
  const user = name.getField('CN')[0] ?? '';
  if (!user) throw new Error('x509: the certificate has no common name');
  return { user: { name: user, groups: name.getField('O') } };
}

/**
 * The x509 client-certificate authenticator (k8s.io/apiserver/pkg/authentication/request/x509).
 * The TLS layer only requests a certificate; this checks it against the --client-ca-file CAs
 * themselves, so a certificate another trusted CA signed (the front proxy's) is no user here.
 * No certificate: no opinion. A certificate that fails: an error, hence 401 and no anonymous.
 */
export class X509Authenticator implements RequestAuthenticator {
  /** The outcome per connection: a peer certificate does not change while the socket lives. */
  private readonly verified = new WeakMap<TLSSocket, { leaf: X509Certificate; result: AuthenticationResponse | Error }>();

  constructor(private readonly clientCAs: () => X509Certificate[]) {}

  static fromPEM(clientCAPEM: string): X509Authenticator {
    const roots = parseCertificateBundle(clientCAPEM);
    if (roots.length === 0) throw new Error('the client CA bundle holds no certificate');
    return new X509Authenticator(() => roots);
  }

  async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
    const socket = req.socket;
    if (!(socket instanceof TLSSocket)) return null;
    let entry = this.verified.get(socket);
    if (!entry) {
      const chain = presentedChain(socket);
      if (chain.length === 0) return null;
      entry = { leaf: chain[0]!, result: this.verify(chain) };
      this.verified.set(socket, entry);
    }
    if (entry.result instanceof Error) throw entry.result;
    // A long-lived connection can outlive its certificate.
    checkValidity(entry.leaf, new Date());
    return entry.result;
  }

  private verify(chain: X509Certificate[]): AuthenticationResponse | Error {
    try {
      verifyClientCertificate(chain, this.clientCAs());
      return userOf(chain[0]!);
    } catch (err) {
      const leaf = chain[0]!;
      return new Error(`verifying certificate SN=${BigInt('0x' + leaf.serialNumber).toString()}, subject "${leaf.subject.replace(/\n/g, ',')}" failed: ${(err as Error).message}`);
    }
  }
}
