/** The signing algorithms kube accepts in --oidc-signing-algs (go-jose's asymmetric ones). */
export const supportedSigningAlgs = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'];

/** The --oidc-* flags, as parsed. */
export interface OIDCFlags {
  issuerURL?: string;
  clientID?: string;
  caFile?: string;
  usernameClaim?: string;
  /** Unset: kube's default (issuer URL + "#" unless the claim is "email"); "-": no prefix. */
  usernamePrefix?: string;
  groupsClaim?: string;
  groupsPrefix?: string;
  /** --oidc-required-claim key=value pairs. */
  requiredClaims?: Record<string, string>;
  signingAlgs?: string[];
}

/** The settings of one OIDC issuer, defaults applied. */
export interface OIDCOptions {
  issuerURL: string;
  clientID: string;
  /** PEM of --oidc-ca-file; the system roots when unset. */
  ca?: string;
  usernameClaim: string;
  usernamePrefix: string;
  groupsClaim?: string;
  groupsPrefix: string;
  requiredClaims: Record<string, string>;
  signingAlgs: string[];
}

/**
 * The username prefix kube derives from the flags: without --oidc-username-prefix every claim but
 * "email" is prefixed with "<issuer>#" so that an OIDC "sub" can never collide with another
 * authenticator's user (system:admin, a service account); "-" asks for no prefix.
 */
export function usernamePrefixFor(flags: Pick<OIDCFlags, 'issuerURL' | 'usernameClaim' | 'usernamePrefix'>): string {
  const claim = flags.usernameClaim || 'sub';
  if (flags.usernamePrefix === '-') return '';
  if (!flags.usernamePrefix && claim !== 'email') return `${flags.issuerURL}#`;
  return flags.usernamePrefix ?? '';
}

/** ValidateAuthenticationOptions' OIDC part: the errors that stop kube-apiserver at start-up. */
export function validateOIDCFlags(flags: OIDCFlags): string[] {
  const errs: string[] = [];
  if (!flags.issuerURL !== !flags.clientID) errs.push('oidc-issuer-url and oidc-client-id must be specified together');
  if (flags.issuerURL) {
    let url: URL | undefined;
    try {
      url = new URL(flags.issuerURL);
    } catch {
      errs.push(`jwt[0].issuer.url: Invalid value: ${JSON.stringify(flags.issuerURL)}: must be a valid URL`);
    }
    if (url && url.protocol !== 'https:') errs.push(`jwt[0].issuer.url: Invalid value: ${JSON.stringify(flags.issuerURL)}: URL scheme must be https`);
  }
  for (const alg of flags.signingAlgs ?? []) {
    if (!supportedSigningAlgs.includes(alg)) errs.push(`oidc-signing-algs: unsupported signing algorithm ${JSON.stringify(alg)}`);
  }
  return errs;
}

/** OIDCFlags → OIDCOptions with kube's defaults (claim "sub", RS256). The caller reads the CA file. */
export function oidcOptionsFrom(flags: OIDCFlags & { issuerURL: string; clientID: string }, ca?: string): OIDCOptions {
  return {
    issuerURL: flags.issuerURL,
    clientID: flags.clientID,
    ca,
    usernameClaim: flags.usernameClaim || 'sub',
    usernamePrefix: usernamePrefixFor(flags),
    groupsClaim: flags.groupsClaim || undefined,
    groupsPrefix: flags.groupsPrefix ?? '',
    requiredClaims: flags.requiredClaims ?? {},
    signingAlgs: flags.signingAlgs?.length ? flags.signingAlgs : ['RS256'],
  };
}
