import { readFileSync } from 'node:fs';
import type { APIGroupInfo, GenericAPIServer } from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';
import { ClusterAuthenticationTrustController } from './cluster-authentication-trust';
import { ensureLegacyTokenTracking } from './legacy-token-tracking';

export * from './cluster-authentication-trust';
export * from './legacy-token-tracking';

/**
 * The `start-cluster-authentication-info-controller` post-start hook: this server's client CA and
 * --requestheader-* settings published for the components that delegate authentication to it; and
 * `start-legacy-token-tracking-controller`, the date legacy token tracking began.
 */
export function installClusterAuthenticationTrust(
  server: GenericAPIServer,
  groups: () => ReadonlyMap<string, APIGroupInfo>,
  opts: Pick<ServerRunOptions, 'requestHeader'>,
  clientCA: string | undefined,
): void {
  const rh = opts.requestHeader;
  const controller = new ClusterAuthenticationTrustController(groups, {
    clientCA,
    requestHeaderCA: rh?.clientCAFile ? readFileSync(rh.clientCAFile, 'utf8') : undefined,
    requestHeaderAllowedNames: rh?.allowedNames,
    requestHeaderUsernameHeaders: rh?.usernameHeaders,
    requestHeaderUIDHeaders: rh?.uidHeaders,
    requestHeaderGroupHeaders: rh?.groupHeaders,
    requestHeaderExtraHeaderPrefixes: rh?.extraHeaderPrefixes,
  });
  server.addPostStartHook('start-cluster-authentication-info-controller', () => controller.start());
  server.addPreShutdownHook('stop-cluster-authentication-info-controller', () => controller.stop());
  // The other configmap the components read from kube-system about how this server authenticates.
  server.addPostStartHook('start-legacy-token-tracking-controller', () => ensureLegacyTokenTracking(groups));
}
