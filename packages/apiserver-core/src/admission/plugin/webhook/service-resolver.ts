import type { AdmissionInterface } from '../../interfaces';
import type { PluginInitializer } from '../../initializer';

/** Where a service reference of a webhook is reached: an address the API server may connect to, and its port. */
export interface ResolvedEndpoint {
  host: string;
  port: number;
}

/**
 * webhook.ServiceResolver: turns a webhook's service reference into an address. The server decides
 * how (kapi: through the service's Endpoints, refusing addresses it must not connect to).
 */
export interface ServiceResolver {
  resolveEndpoint(namespace: string, name: string, port: number): Promise<ResolvedEndpoint>;
}

/** initializer.WantsServiceResolver. */
export interface WantsServiceResolver {
  setServiceResolver(resolver: ServiceResolver): void;
}

export const wantsServiceResolver = (p: AdmissionInterface): p is AdmissionInterface & WantsServiceResolver =>
  typeof (p as Partial<WantsServiceResolver>).setServiceResolver === 'function';

export function serviceResolverInitializer(resolver: ServiceResolver): PluginInitializer {
  return (plugin) => {
    if (wantsServiceResolver(plugin)) plugin.setServiceResolver(resolver);
  };
}
