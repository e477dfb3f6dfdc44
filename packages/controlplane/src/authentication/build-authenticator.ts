import {
  anonymousAuthenticator, authenticatedGroupAdder, bearerTokenAuthenticator, failOnErrorUnion, unionAuthenticator,
  unionTokenAuthenticator, X509Authenticator, type RequestAuthenticator, type TokenAuthenticator,
} from '@kapi/apiserver-core';

/** The pieces BuildAuthenticator assembles, in the order kube-apiserver tries them. */
export interface AuthenticatorConfig {
  /** --anonymous-auth: unauthenticated requests become system:anonymous (kube's default: true). */
  anonymous: boolean;
  /** --requestheader-*: the front proxy's identity headers, checked first (the aggregator's part). */
  requestHeader?: RequestAuthenticator;
  /** --client-ca-file: the PEM bundle that client certificates must chain to; none turns x509 off. */
  clientCA?: string;
  /**
   * Bearer-token authenticators, in kube's order: --token-auth-file, service-account tokens (legacy
   * and bound), bootstrap tokens, OIDC, webhook. They are tried as one union behind the bearer header.
   */
  tokenAuthenticators?: TokenAuthenticator[];
}

/**
 * authenticator.Config.New (pkg/kubeapiserver/authenticator): request-header, x509, bearer tokens
 * as one union that collects errors; system:authenticated added to whoever it recognised; then
 * anonymous behind a fail-on-error union, so invalid credentials are a 401, never anonymous.
 */
export function buildAuthenticator(config: AuthenticatorConfig): RequestAuthenticator {
  const authenticators: RequestAuthenticator[] = [];
  if (config.requestHeader) authenticators.push(config.requestHeader);
  if (config.clientCA) authenticators.push(X509Authenticator.fromPEM(config.clientCA));
  const tokens = config.tokenAuthenticators ?? [];
  if (tokens.length > 0) authenticators.push(bearerTokenAuthenticator(unionTokenAuthenticator(...tokens)));
  const credentials = authenticatedGroupAdder(unionAuthenticator(...authenticators));
  return config.anonymous ? failOnErrorUnion(credentials, anonymousAuthenticator) : credentials;
}
