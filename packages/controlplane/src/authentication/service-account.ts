import {
  apiAudiencesOf,
  isGetter,
  isUpdater,
  newServiceUnavailable,
  type APIGroupInfo,
  type GenericAPIServer,
  type Getter,
  type Storage,
  type TokenAuthenticator,
  type Updater,
} from '@kapi/apiserver-core';
import {
  installServiceAccountIssuerDiscovery,
  newServiceAccountTokenAuthenticator,
  newStoreTokenGetter,
  serviceAccountIssuers,
  verificationKeys,
  type ServiceAccountTokenGetter,
} from '@kapi/registry-core';
import type { ServerRunOptions } from '../options';

/** The legacy group's stores a token's claims point at, found when a token first needs them. */
function legacyStores(groups: () => ReadonlyMap<string, APIGroupInfo>): ServiceAccountTokenGetter {
  const store = (resource: string): Storage & Getter => {
    const s = groups().get('')?.versionedResourcesStorageMap.v1?.[resource];
    // --runtime-config may switch a resource off: no store, no token that depends on one.
    if (!s || !isGetter(s)) throw newServiceUnavailable(`${resource} are not served; service account tokens cannot be checked`);
    return s;
  };
  const lazy = (resource: string): Getter => ({ get: (ctx, name, o) => store(resource).get(ctx, name, o) });
  const secrets: Getter & Updater = {
    ...lazy('secrets'),
    update: (...args) => {
      const s = store('secrets');
      if (!isUpdater(s)) throw newServiceUnavailable('secrets cannot be updated');
      return s.update(...args);
    },
  };
  return newStoreTokenGetter({ serviceAccounts: lazy('serviceaccounts'), secrets, pods: lazy('pods'), nodes: lazy('nodes') });
}

/**
 * The service account TokenAuthenticator (Secret-based and bound tokens) over the Instance's
 * stores. `groups` is read lazily, so the authenticator can be handed to the GenericAPIServer
 * before installAPIs has run: `() => instance.groups`.
 */
export function newServiceAccountAuthenticator(opts: ServerRunOptions, groups: () => ReadonlyMap<string, APIGroupInfo>): TokenAuthenticator {
  return newServiceAccountTokenAuthenticator({
    issuers: serviceAccountIssuers(opts),
    keys: verificationKeys(opts),
    apiAudiences: apiAudiencesOf(opts),
    lookup: opts.serviceAccountLookup,
    getter: legacyStores(groups),
    clock: opts.embedding?.clock,
  });
}

/**
 * /.well-known/openid-configuration and /openid/v1/jwks on the server's non-resource routes, for the
 * first issuer; without --service-account-jwks-uri the jwks_uri is https://<server address>/openid/v1/jwks.
 */
export function installServiceAccountDiscovery(server: GenericAPIServer, opts: ServerRunOptions): void {
  const keys = verificationKeys(opts);
  installServiceAccountIssuerDiscovery(server, async () => ({
    issuer: serviceAccountIssuers(opts)[0] ?? '',
    jwksURI: opts.serviceAccountJWKSURI,
    externalAddress: externalAddress(server),
    keys: await keys(),
  }));
}

/** The advertised host:port; a wildcard listener is advertised on loopback, as the kubernetes Service is. */
function externalAddress(server: GenericAPIServer): string {
  const url = server.url();
  return url ? new URL(url).host : '';
}
