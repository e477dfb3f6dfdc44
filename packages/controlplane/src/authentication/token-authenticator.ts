import {
  Aggregate,
  apiAudiencesOf,
  BearerTokenAuthenticator,
  CachedTokenAuthenticator,
  OIDCAuthenticator,
  WebSocketProtocolAuthenticator,
  newTokenFileAuthenticator,
  newTokenUnion,
  loadWebhookKubeconfig,
  WebhookTokenAuthenticator,
  oidcOptionsFrom,
  readFlagFile,
  validateOIDCFlags,
  wrapAudienceAgnosticToken,
  type OIDCFlags,
  type RequestAuthenticator,
  type TokenAuthenticator,
  type WebhookClientConfig,
} from '@kapi/apiserver-core';

/** The flags the token authenticators read (a slice of ServerRunOptions). */
export interface TokenAuthenticationFlags {
  /** --api-audiences; unset: the service account issuer, as kube-apiserver defaults it. */
  apiAudiences?: string[];
  serviceAccountIssuer: string;
  /** --token-auth-file */
  tokenAuthFile?: string;
  /** --oidc-* */
  oidc?: OIDCFlags;
  tokenWebhook?: TokenWebhookFlags;
}

/** --authentication-token-webhook-config-file, -version and -cache-ttl. */
export interface TokenWebhookFlags {
  configFile?: string;
  /** The client when it is not read from a file (--authentication-kubeconfig's TokenReview endpoint). */
  client?: WebhookClientConfig;
  version: string;
  cacheTTLMs: number;
}

/** kube's token cache settings (Config.TokenSuccessCacheTTL / TokenFailureCacheTTL of kube-apiserver). */
export const tokenSuccessCacheTTLMs = 10_000;
export const tokenFailureCacheTTLMs = 0;

/** The errors of the token flags that stop start-up (ValidateAuthenticationOptions). */
export function validateTokenAuthenticationFlags(flags: TokenAuthenticationFlags): Error[] {
  return flags.oidc ? validateOIDCFlags(flags.oidc).map((m) => new Error(m)) : [];
}

/** Token authenticators built by other parts of the server, placed where kube places them. */
export interface TokenAuthenticatorParts {
  /** The service-account JWT authenticator (audience-aware: it is not wrapped). */
  serviceAccount?: TokenAuthenticator;
  /** Where the token file's warnings go (empty and duplicate tokens), e.g. the server's logger. */
  warn?: (message: string) => void;
  /** The time the success cache expires entries on (the testing kit's clock; default the wall clock). */
  now?: () => number;
}

/**
 * authenticator.Config.New, its token half: the token authenticators of the flags in kube's order
 * — token file, service accounts, OIDC — the audience-agnostic ones scoped to the API audiences,
 * as one union behind kube's short success cache. Undefined when no token authenticator is
 * configured. Errors in the flags or files stop start-up with "invalid authentication config".
 */
export function buildTokenAuthenticator(flags: TokenAuthenticationFlags, parts: TokenAuthenticatorParts = {}): TokenAuthenticator | undefined {
  const errs = validateTokenAuthenticationFlags(flags);
  if (errs.length) throw new Aggregate(errs);
  const audiences = apiAudiencesOf(flags);
  const agnostic = (auth: TokenAuthenticator) => (audiences.length ? wrapAudienceAgnosticToken(audiences, auth) : auth);
  const authenticators: TokenAuthenticator[] = [];
  try {
    if (flags.tokenAuthFile) authenticators.push(agnostic(newTokenFileAuthenticator(flags.tokenAuthFile, parts.warn)));
    if (parts.serviceAccount) authenticators.push(parts.serviceAccount);
    // OIDC after service accounts: both read JWTs, and OIDC may go to the network on a key it lacks.
    if (flags.oidc?.issuerURL && flags.oidc.clientID) {
      const ca = flags.oidc.caFile ? readFlagFile(flags.oidc.caFile) : undefined;
      authenticators.push(agnostic(new OIDCAuthenticator(oidcOptionsFrom({ ...flags.oidc, issuerURL: flags.oidc.issuerURL, clientID: flags.oidc.clientID }, ca))));
    }
    // Last, as in kube: the webhook behind its own cache (kube caches its answers, allowed or not, for the TTL).
    if (flags.tokenWebhook) {
      const webhook = new WebhookTokenAuthenticator({
        client: flags.tokenWebhook.client ?? loadWebhookKubeconfig(flags.tokenWebhook.configFile!),
        version: flags.tokenWebhook.version,
      });
      const ttl = flags.tokenWebhook.cacheTTLMs;
      authenticators.push(ttl > 0 ? new CachedTokenAuthenticator(webhook, { successTTLMs: ttl, failureTTLMs: ttl }) : webhook);
    }
  } catch (err) {
    throw new Error(`invalid authentication config: ${(err as Error).message}`);
  }
  if (authenticators.length === 0) return undefined;
  return new CachedTokenAuthenticator(newTokenUnion(...authenticators), { successTTLMs: tokenSuccessCacheTTLMs, failureTTLMs: tokenFailureCacheTTLMs, now: parts.now });
}

/** The two request authenticators that carry tokens: the Authorization header and the WebSocket subprotocol. */
export function newTokenRequestAuthenticators(tokens: TokenAuthenticator, apiAudiences: string[]): RequestAuthenticator[] {
  return [new BearerTokenAuthenticator(tokens, apiAudiences), new WebSocketProtocolAuthenticator(tokens, apiAudiences)];
}
