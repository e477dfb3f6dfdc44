import type { VerificationKey } from '../authenticator/public-keys';

export const openIDConfigPath = '/.well-known/openid-configuration';
export const jwksPath = '/openid/v1/jwks';

/** The discovery document, field for field as kube-apiserver writes it (pkg/serviceaccount/openidmetadata.go). */
export interface OpenIDMetadata {
  issuer: string;
  jwks_uri: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
}

export interface OpenIDMetadataOptions {
  /** The first --service-account-issuer. */
  issuer: string;
  /** --service-account-jwks-uri; empty: https://<external address>/openid/v1/jwks. */
  jwksURI?: string;
  /** host:port the API server is reached at (kube's --external-hostname or advertise address with the secure port). */
  externalAddress?: string;
  /** The --service-account-key-file keys (the ones tokens verify with). */
  keys: VerificationKey[];
}

export interface OpenIDMetadataDocuments {
  configuration: OpenIDMetadata;
  jwks: { keys: Record<string, string>[] };
}

/**
 * go-jose writes a JSONWebKey in this field order (use, kty, kid, crv, alg, then the key's
 * numbers); a relying party does not care, a byte-for-byte comparison does.
 */
function jwkOf(key: VerificationKey): Record<string, string> {
  const jwk = key.publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const out: Record<string, string> = { use: 'sig', kty: jwk.kty, kid: key.kid };
  if (jwk.crv) out.crv = jwk.crv;
  out.alg = key.alg;
  for (const k of ['x', 'y', 'n', 'e']) if (jwk[k]) out[k] = jwk[k];
  return out;
}

/**
 * NewOpenIDMetadataProvider: the documents are served only for an issuer that is a plain https URL
 * (OIDC requires it, and relying parties fetch the document from the issuer), so a server with
 * another issuer does not serve discovery — kube logs the reason and leaves the paths unserved.
 */
export function newOpenIDMetadata(opts: OpenIDMetadataOptions): OpenIDMetadataDocuments {
  if (!opts.issuer) throw new Error('empty issuer URL');
  if (!opts.jwksURI && !opts.externalAddress) throw new Error('either the JWKS URI or the default external address, or both, must be set');
  if (opts.keys.length === 0) throw new Error('no keys provided for validating keyset');
  let iss: URL;
  try {
    iss = new URL(opts.issuer);
  } catch {
    throw new Error(`issuer URL must use https scheme, got: ${opts.issuer}`);
  }
  if (iss.protocol !== 'https:') throw new Error(`issuer URL must use https scheme, got: ${opts.issuer}`);
  if (iss.search) throw new Error(`issuer URL may not include a query, got: ${opts.issuer}`);
  if (iss.hash) throw new Error(`issuer URL may not include a fragment, got: ${opts.issuer}`);

  let jwksURI = opts.jwksURI;
  if (!jwksURI) {
    jwksURI = `https://${opts.externalAddress}${jwksPath}`;
    try {
      new URL(jwksURI);
    } catch (err) {
      throw new Error(`attempted to build jwks_uri from external address ${opts.externalAddress}, but could not construct a valid URL. Error: ${(err as Error).message}`);
    }
  } else {
    let u: URL;
    try {
      u = new URL(jwksURI);
    } catch (err) {
      throw new Error(`could not parse JWKS URI "${jwksURI}": ${(err as Error).message}`);
    }
    // Relying parties fetch the keys from there: a plain-http URI would let anyone swap them.
    if (u.protocol !== 'https:') throw new Error(`jwksURI requires https scheme, parsed as: ${jwksURI}`);
  }
  const algs = [...new Set(opts.keys.map((k) => k.alg))].sort();
  return {
    configuration: {
      issuer: opts.issuer,
      jwks_uri: jwksURI,
      // Kubernetes only issues ID-token-shaped JWTs, with the same subject for every relying party.
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: algs,
    },
    jwks: { keys: opts.keys.map(jwkOf) },
  };
}
