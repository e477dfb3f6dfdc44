import type { X509Certificate } from 'node:crypto';
import type { AuthenticationRequest, AuthenticationResponse, RequestAuthenticator } from '../authenticator';
import { commonNameOf, peerCertificates, readCertificateBundle, verifyClientCertificate } from './client-cert-verifier';

/** The --requestheader-* flags (kube's RequestHeaderConfig). Header names are matched case-insensitively. */
export interface RequestHeaderConfig {
  /** --requestheader-client-ca-file, read: the CAs that sign the front proxy's client certificate. */
  clientCA: X509Certificate[];
  /** --requestheader-allowed-names: the client certificate CNs allowed; empty allows any CN the CA signed. */
  allowedNames: string[];
  usernameHeaders: string[];
  uidHeaders: string[];
  groupHeaders: string[];
  extraHeaderPrefixes: string[];
}

export interface RequestHeaderFlags {
  clientCAFile: string;
  allowedNames?: string[];
  usernameHeaders?: string[];
  uidHeaders?: string[];
  groupHeaders?: string[];
  extraHeaderPrefixes?: string[];
}

export function newRequestHeaderConfig(flags: RequestHeaderFlags): RequestHeaderConfig {
  return {
    clientCA: readCertificateBundle(flags.clientCAFile),
    allowedNames: flags.allowedNames ?? [],
    usernameHeaders: flags.usernameHeaders ?? [],
    uidHeaders: flags.uidHeaders ?? [],
    groupHeaders: flags.groupHeaders ?? [],
    extraHeaderPrefixes: flags.extraHeaderPrefixes ?? [],
  };
}

/** All values of a header, as the client sent them line by line (Node joins repeated headers with ", "). */
function valuesOf(req: AuthenticationRequest, name: string): string[] {
  const distinct = req.headersDistinct?.[name];
  if (distinct) return distinct;
  const value = req.headers[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** url.PathUnescape of an extra key ("example.com%2fscope" → "example.com/scope"); kept as sent when malformed. */
function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/**
 * headerrequest: the identity a front proxy (the aggregator, an auth proxy) asserts in headers. The
 * headers are trusted only from a connection whose client certificate a request-header CA signed,
 * with an allowed CN; otherwise anyone could claim to be anyone. They are removed once read, so no
 * handler or proxied backend sees them again.
 */
export class RequestHeaderAuthenticator implements RequestAuthenticator {
  private readonly usernameHeaders: string[];
  private readonly uidHeaders: string[];
  private readonly groupHeaders: string[];
  private readonly extraPrefixes: string[];

  constructor(
    private readonly config: RequestHeaderConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    const lower = (names: string[]) => names.map((n) => n.trim().toLowerCase()).filter(Boolean);
    this.usernameHeaders = lower(config.usernameHeaders);
    this.uidHeaders = lower(config.uidHeaders);
    this.groupHeaders = lower(config.groupHeaders);
    this.extraPrefixes = lower(config.extraHeaderPrefixes);
  }

  async authenticateRequest(req: AuthenticationRequest): Promise<AuthenticationResponse | null> {
    const chain = peerCertificates(req.socket);
    if (chain.length === 0) return null;
    verifyClientCertificate(chain, this.config.clientCA, this.now());
    const cn = commonNameOf(chain[0]);
    if (this.config.allowedNames.length && !this.config.allowedNames.includes(cn)) {
      throw new Error(`x509: subject with cn=${cn} is not in the allowed list`);
    }
    const name = this.firstValue(req, this.usernameHeaders);
    if (!name) return null;
    const uid = this.firstValue(req, this.uidHeaders);
    const groups = this.groupHeaders.flatMap((h) => valuesOf(req, h)).filter((v) => v !== '');
    const extra = this.extraOf(req);
    this.clearHeaders(req);
    return {
      user: { name, ...(uid ? { uid } : {}), groups, ...(Object.keys(extra).length ? { extra } : {}) },
    };
  }

  /** headerValue: the first non-empty value among the configured headers, in their order. */
  private firstValue(req: AuthenticationRequest, headers: string[]): string | undefined {
    for (const h of headers) {
      const value = valuesOf(req, h)[0];
      if (value) return value;
    }
    return undefined;
  }

  /**
   * newExtra: X-Remote-Extra-<key> headers. kube lower-cases the key before percent-decoding it, so
   * an escaped capital ("%41") survives: that is how a proxy sends a case-sensitive extra key.
   */
  private extraOf(req: AuthenticationRequest): Record<string, string[]> {
    const extra: Record<string, string[]> = {};
    for (const header of Object.keys(req.headers)) {
      const prefix = this.extraPrefixes.find((p) => header.startsWith(p));
      if (!prefix) continue;
      const key = unescapeExtraKey(header.slice(prefix.length));
      extra[key] = [...(extra[key] ?? []), ...valuesOf(req, header)];
    }
    return extra;
  }

  private clearHeaders(req: AuthenticationRequest): void {
    const exact = [...this.usernameHeaders, ...this.uidHeaders, ...this.groupHeaders];
    for (const header of Object.keys(req.headers)) {
      if (exact.includes(header) || this.extraPrefixes.some((p) => header.startsWith(p))) {
        delete req.headers[header];
        if (req.headersDistinct) delete req.headersDistinct[header];
      }
    }
  }
}
