import { getJSON } from './https-json';

/** A JSON Web Key Set as the issuer publishes it. */
export interface JSONWebKeySet {
  keys: Array<Record<string, unknown>>;
}

/** The few fields of the discovery document kube reads. */
interface DiscoveryDocument {
  issuer?: string;
  jwks_uri?: string;
}

/**
 * The issuer's keys, found through OIDC discovery (`<issuer>/.well-known/openid-configuration` →
 * `jwks_uri`). Keys are fetched again when a token names a key the set does not hold (the issuer
 * rotated), as go-oidc's remote key set does; concurrent refreshes share one fetch.
 */
export class OIDCProvider {
  private discovery?: Promise<string>;
  private keys?: JSONWebKeySet;
  private inflight?: Promise<JSONWebKeySet>;

  constructor(
    readonly issuerURL: string,
    private readonly ca: string | undefined,
  ) {}

  /** The current key set, fetching it (and discovery) on first use. */
  async keySet(): Promise<JSONWebKeySet> {
    return this.keys ?? this.refresh();
  }

  /** Fetches the keys again. */
  refresh(): Promise<JSONWebKeySet> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<JSONWebKeySet> {
    const jwksURI = await this.jwksURI();
    const jwks = (await getJSON(jwksURI, this.ca)) as JSONWebKeySet;
    if (!jwks || !Array.isArray(jwks.keys)) throw new Error(`oidc: get keys failed: no keys in ${jwksURI}`);
    this.keys = jwks;
    return jwks;
  }

  private jwksURI(): Promise<string> {
    this.discovery ??= this.discover().catch((err) => {
      // A failed discovery is retried by the next token rather than remembered forever.
      this.discovery = undefined;
      throw err;
    });
    return this.discovery;
  }

  private async discover(): Promise<string> {
    const url = `${this.issuerURL.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const doc = (await getJSON(url, this.ca)) as DiscoveryDocument;
    if (doc.issuer !== this.issuerURL) {
      throw new Error(`oidc: issuer did not match the issuer returned by provider, expected "${this.issuerURL}" got "${doc.issuer ?? ''}"`);
    }
    if (!doc.jwks_uri) throw new Error('oidc: provider discovery document has no jwks_uri');
    return doc.jwks_uri;
  }
}
