import type { X509Certificate } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import * as x509 from '@peculiar/x509';
import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator } from '../authenticator';
import { checkValidity, parseCertificateBundle, peerCertificates, verifyClientCertificate } from './client-cert-verifier';

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
      const chain = peerCertificates(socket);
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
