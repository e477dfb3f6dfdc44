import { readFileSync } from 'node:fs';
import type { APIGroupInfo, GenericAPIServer } from '@kapi/apiserver-core';
import type { ServerRunOptions } from '../options';
import { ClusterAuthenticationTrustController } from './cluster-authentication-trust';

export * from './cluster-authentication-trust';

/**
 * The `start-cluster-authentication-info-controller` post-start hook: this server's client CA and
 * --requestheader-* settings published for the components that delegate authentication to it.
 */
export function installClusterAuthenticationTrust(
  server: GenericAPIServer, groups: () => ReadonlyMap<string, APIGroupInfo>, opts: Pick<ServerRunOptions, 'requestHeader'>, clientCA: string | undefined,
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
}
