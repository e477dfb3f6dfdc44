import {
  anonymousAuthenticator,
  apiAudiencesOf,
  authenticatedGroupAdder,
  failOnErrorUnion,
  unionAuthenticator,
  X509Authenticator,
  type APIGroupInfo,
  type RequestAuthenticator,
  type TokenAuthenticator,
} from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';
import { buildRequestHeaderAuthenticator } from './request-header-authenticator';
import { newServiceAccountAuthenticator } from './service-account';
import { buildTokenAuthenticator, newTokenRequestAuthenticators } from './token-authenticator';

/** The pieces BuildAuthenticator assembles, in the order kube-apiserver tries them. */
export interface AuthenticatorConfig {
  /** --anonymous-auth: unauthenticated requests become system:anonymous (kube's default: true). */
  anonymous: boolean;
  /** --requestheader-*: the front proxy's identity headers, checked first (the aggregator's part). */
  requestHeader?: RequestAuthenticator;
  /** --client-ca-file: the PEM bundle that client certificates must chain to; none turns x509 off. */
  clientCA?: string;
  /**
   * The bearer-token authenticators as one (cached) union, in kube's order: --token-auth-file,
   * service-account tokens (legacy and bound), OIDC. Read from the Authorization header and the
   * WebSocket subprotocol, for the API audiences.
   */
  tokens?: TokenAuthenticator;
  /** --api-audiences (defaulted to the service account issuers). */
  apiAudiences?: string[];
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
  if (config.tokens) authenticators.push(...newTokenRequestAuthenticators(config.tokens, config.apiAudiences ?? []));
  const credentials = authenticatedGroupAdder(unionAuthenticator(...authenticators));
  return config.anonymous ? failOnErrorUnion(credentials, anonymousAuthenticator) : credentials;
}

/** The server's authenticator, and its token half on its own (TokenReview answers with it). */
export interface ServerAuthentication {
  authenticator: RequestAuthenticator;
  tokens?: TokenAuthenticator;
}

/**
 * Every authenticator the flags configure. Service account tokens are checked against the stores
 * Instance installs, read through `groups` once a token needs them.
 */
export function buildServerAuthentication(
  opts: ServerRunOptions,
  clientCA: string | undefined,
  groups: () => ReadonlyMap<string, APIGroupInfo>,
  warn?: (message: string) => void,
): ServerAuthentication {
  const tokens = buildTokenAuthenticator(opts, { serviceAccount: newServiceAccountAuthenticator(opts, groups), warn, now: clockNow(opts) });
  const authenticator = buildAuthenticator({
    anonymous: opts.anonymousAuth,
    requestHeader: buildRequestHeaderAuthenticator(opts.requestHeader),
    clientCA,
    tokens,
    apiAudiences: apiAudiencesOf(opts),
  });
  return { authenticator, tokens };
}

/** The embedding program's clock as the token cache reads it (the testing kit's), else the wall clock. */
function clockNow(opts: ServerRunOptions): (() => number) | undefined {
  const clock = opts.embedding?.clock;
  return clock ? () => clock.now() : undefined;
}
