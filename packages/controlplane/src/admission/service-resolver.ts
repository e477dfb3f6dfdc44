import { isGetter, newServiceUnavailable, type GroupResource, type KObject, type ServiceResolver, type Storage } from '@kapi/apiserver-core';
import { proxyableIP } from '@kapi/registry-core';

interface ServicePort {
  name?: string;
  port?: number;
}
interface EndpointSubset {
  addresses?: { ip?: string }[];
  ports?: { name?: string; port?: number }[];
}

/**
 * proxy.ResolveEndpoint, which kube-apiserver uses with --enable-aggregator-routing: kapi has no
 * kube-proxy, so a ClusterIP leads nowhere and a webhook service is reached at one of its endpoints.
 * The address must pass the same check as the services and nodes proxy (no loopback, link-local …):
 * only a webhook configured by url may point at the API server's own host.
 */
export function endpointServiceResolver(lookup: (gr: GroupResource) => Storage | undefined): ServiceResolver {
  const get = async (resource: string, namespace: string, name: string): Promise<KObject> => {
    const storage = lookup({ group: '', resource });
    if (!storage || !isGetter(storage)) throw new Error(`${resource} are not served`);
    return storage.get({ namespace }, name, { resourceVersion: '0' });
  };
  return {
    async resolveEndpoint(namespace, name, port) {
      const svc = await get('services', namespace, name);
      const type = (svc.spec as { type?: string } | undefined)?.type ?? 'ClusterIP';
      if (!['ClusterIP', 'LoadBalancer', 'NodePort'].includes(type)) throw new Error(`unsupported service type "${type}"`);
      const svcPort = ((svc.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []).find((p) => p.port === port);
      if (!svcPort) throw newServiceUnavailable(`no service port ${port} found for service "${name}"`);
      const eps = await get('endpoints', namespace, name);
      const subsets = ((eps as { subsets?: EndpointSubset[] }).subsets ?? []).filter((s) => s.addresses?.length);
      for (const subset of shuffled(subsets)) {
        const epPort = (subset.ports ?? []).find((p) => (p.name ?? '') === (svcPort.name ?? ''));
        if (!epPort?.port) continue;
        const address = subset.addresses![Math.floor(Math.random() * subset.addresses!.length)];
        return { host: proxyableIP(address.ip), port: epPort.port };
      }
      throw newServiceUnavailable(`no endpoints available for service "${name}"`);
    },
  };
}

/** Subsets from a random start, as kube searches them. */
function shuffled<T>(items: T[]): T[] {
  const seed = Math.floor(Math.random() * Math.max(items.length, 1));
  return items.map((_, i) => items[(seed + i) % items.length]);
}
