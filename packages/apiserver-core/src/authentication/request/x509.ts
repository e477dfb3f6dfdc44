import { X509Certificate } from 'node:crypto';
import { type PeerCertificate, TLSSocket } from 'node:tls';
import * as x509 from '@peculiar/x509';
import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator } from '../authenticator';
import { checkValidity, parseCertificateBundle, peerCertificateChain, verifyClientCertificate } from './client-cert-verifier';

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
  private readonly verified = new WeakMap<TLSSocket, Verification>();
  /**
   * The outcome per chain presented (the fingerprints of leaf and intermediates, in order), for the
   * CA set it was verified against. Clients reconnect with the same certificate (kubectl once per
   * command, a client pool per burst); parsing and verifying it cost about a millisecond of CPU per
   * connection, most of a short connection's requests. Validity dates are still checked per request.
   */
  private readonly byChain = new Map<string, Verification>();
  private rootsOfCache?: X509Certificate[];

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
      const chain = peerCertificateChain(socket);
      if (chain.length === 0) return null;
      entry = this.verifyChain(chain);
      this.verified.set(socket, entry);
    }
    if (entry.result instanceof Error) throw entry.result;
    // A long-lived connection can outlive its certificate.
    checkValidity(entry.leaf, new Date());
    return entry.result;
  }

  private verifyChain(chain: PeerCertificate[]): Verification {
    const roots = this.clientCAs();
    if (roots !== this.rootsOfCache) {
      // Other CAs (a reloaded bundle): earlier outcomes say nothing about them.
      this.byChain.clear();
      this.rootsOfCache = roots;
    }
    const key = chain.map((c) => c.fingerprint256).join(',');
    let entry = this.byChain.get(key);
    if (!entry) {
      const certs = chain.map((c) => new X509Certificate(c.raw));
      entry = { leaf: certs[0]!, result: verify(certs, roots) };
      if (this.byChain.size >= maxCachedChains) this.byChain.delete(this.byChain.keys().next().value!);
      this.byChain.set(key, entry);
    }
    return entry;
  }
}

/** Enough for every client identity of a busy cluster (nodes, controllers, users); the oldest goes first. */
const maxCachedChains = 4096;

interface Verification {
  leaf: X509Certificate;
  result: AuthenticationResponse | Error;
}

function verify(chain: X509Certificate[], roots: X509Certificate[]): AuthenticationResponse | Error {
  try {
    verifyClientCertificate(chain, roots);
    return userOf(chain[0]!);
  } catch (err) {
    const leaf = chain[0]!;
    return new Error(`verifying certificate SN=${BigInt('0x' + leaf.serialNumber).toString()}, subject "${leaf.subject.replace(/\n/g, ',')}" failed: ${(err as Error).message}`);
  }
}
