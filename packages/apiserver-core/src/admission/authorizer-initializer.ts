import type { Authorizer } from '../authorization/authorizer';
import type { AdmissionInterface } from './interfaces';
import type { PluginInitializer } from './initializer';

/** initializer.WantsAuthorizer: CEL admission (policies, match conditions) checks permissions through the server's authorizer. */
export interface WantsAuthorizer {
  setAuthorizer(authorizer: Authorizer): void;
}

export const wantsAuthorizer = (p: AdmissionInterface): p is AdmissionInterface & WantsAuthorizer => typeof (p as Partial<WantsAuthorizer>).setAuthorizer === 'function';

export function authorizerInitializer(authorizer: Authorizer): PluginInitializer {
  return (plugin) => {
    if (wantsAuthorizer(plugin)) plugin.setAuthorizer(authorizer);
  };
}
