import net from 'node:net';
import { isGetter, type APIGroupInfo, type KObject } from '@kapi/apiserver-core';

/** Where a Service's port is reached: host (an IP or name) and port. */
export interface ServiceAddress {
  host: string;
  port: number;
}

/** Why a Service cannot be reached: the availability controller's condition reason and message. */
export class ServiceResolutionError extends Error {
  constructor(
    readonly reason: 'ServiceNotFound' | 'ServicePortError' | 'ServiceAccessError' | 'MissingEndpoints',
    message: string,
  ) {
    super(message);
  }
}

/** kube-aggregator's ServiceResolver: namespace, name and port of an APIService's service → an address. */
export interface ServiceResolver {
  resolve(namespace: string, name: string, port: number): Promise<ServiceAddress>;
}

interface ServiceObject extends KObject {
  spec?: { type?: string; clusterIP?: string; externalName?: string; ports?: { name?: string; port?: number; targetPort?: number | string }[] };
}

/**
 * Loopback and link-local addresses are never proxied to from a Service: an APIService must not
 * turn the aggregator (with its front-proxy identity) into a client of the control plane's own host.
 */
function isRestricted(ip: string): boolean {
  if (net.isIPv4(ip)) return ip.startsWith('127.') || ip.startsWith('169.254.') || ip === '0.0.0.0';
  const lower = ip.toLowerCase();
  return lower === '::1' || lower === '::' || lower.startsWith('fe80:') || lower.startsWith('::ffff:127.');
}

/** The Service an APIService names, which must expose the port: the first step of both resolvers. */
async function serviceWithPort(groups: ReadonlyMap<string, APIGroupInfo>, namespace: string, name: string, port: number): Promise<ServiceObject> {
  const services = groups.get('')?.versionedResourcesStorageMap.v1?.services;
  if (!services || !isGetter(services)) throw new ServiceResolutionError('ServiceNotFound', `service/${name} in "${namespace}" is not present`);
  const svc = (await services.get({ namespace }, name, {}).catch(() => undefined)) as ServiceObject | undefined;
  if (!svc) throw new ServiceResolutionError('ServiceNotFound', `service/${name} in "${namespace}" is not present`);
  if (!(svc.spec?.ports ?? []).some((p) => p.port === port)) {
    throw new ServiceResolutionError('ServicePortError', `service/${name} in "${namespace}" is not listening on port ${port}`);
  }
  return svc;
}

/**
 * The cluster-IP resolver of kube-apiserver (without --enable-aggregator-routing): the Service must
 * exist and expose the port; requests go to its ClusterIP. kapi runs no service proxy, so a ClusterIP
 * is only reachable where the host routes it (a real cluster network); loopback is refused.
 */
export class ClusterIPServiceResolver implements ServiceResolver {
  constructor(private readonly groups: ReadonlyMap<string, APIGroupInfo>) {}

  async resolve(namespace: string, name: string, port: number): Promise<ServiceAddress> {
    const svc = await serviceWithPort(this.groups, namespace, name, port);
    const ip = svc.spec?.clusterIP;
    if (svc.spec?.type === 'ExternalName' || !ip || ip === 'None') {
      throw new ServiceResolutionError('ServiceAccessError', `service/${name} in "${namespace}" has no cluster IP`);
    }
    if (isRestricted(ip)) throw new ServiceResolutionError('ServiceAccessError', `service/${name} in "${namespace}" resolves to a restricted address ${ip}`);
    return { host: ip, port };
  }
}

interface EndpointsObject extends KObject {
  subsets?: { addresses?: { ip?: string }[]; ports?: { name?: string; port?: number }[] }[];
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

/**
 * --enable-aggregator-routing (kube's endpoint service resolver, proxy.ResolveEndpoint): requests go
 * straight to one of the Service's ready endpoint addresses, on the endpoint port named like the
 * Service port — for a control plane that cannot reach ClusterIPs. Loopback and link-local endpoint
 * addresses are refused as ClusterIPs are (an Endpoints object is writable by whoever may edit the
 * namespace).
 */
export class EndpointServiceResolver implements ServiceResolver {
  constructor(private readonly groups: ReadonlyMap<string, APIGroupInfo>) {}

  async resolve(namespace: string, name: string, port: number): Promise<ServiceAddress> {
    const svc = await serviceWithPort(this.groups, namespace, name, port);
    const type = svc.spec?.type ?? 'ClusterIP';
    if (!['ClusterIP', 'LoadBalancer', 'NodePort'].includes(type)) throw new ServiceResolutionError('ServiceAccessError', `unsupported service type "${type}"`);
    const portName = svc.spec?.ports?.find((p) => p.port === port)?.name ?? '';
    const endpoints = this.groups.get('')?.versionedResourcesStorageMap.v1?.endpoints;
    const eps = endpoints && isGetter(endpoints) ? ((await endpoints.get({ namespace }, name, {}).catch(() => undefined)) as EndpointsObject | undefined) : undefined;
    // The availability controller's reasons and messages for endpoints, as kube's.
    if (!eps) throw new ServiceResolutionError('ServiceNotFound', `cannot find endpoints for service/${name} in "${namespace}"`);
    const candidates = (eps.subsets ?? []).flatMap((ss) => {
      const epPort = ss.ports?.find((p) => (p.name ?? '') === portName)?.port;
      const ips = (ss.addresses ?? []).map((a) => a.ip ?? '').filter((ip) => ip && !isRestricted(ip));
      return epPort && ips.length ? [{ ips, port: epPort }] : [];
    });
    if (!candidates.length) {
      throw new ServiceResolutionError('MissingEndpoints', `endpoints for service/${name} in "${namespace}" have no addresses with port name "${portName}"`);
    }
    const subset = pick(candidates);
    return { host: pick(subset.ips), port: subset.port };
  }
}

/**
 * Fixed addresses for named Services, tried before the cluster: how a kapi without a cluster network
 * (a laptop, the tests) reaches an extension server on loopback. Only the operator configures it
 * (`--aggregator-service-address <namespace>/<name>:<port>=<host>:<port>`), so loopback is allowed here.
 */
export class StaticServiceResolver implements ServiceResolver {
  constructor(
    private readonly addresses: Record<string, string>,
    private readonly fallback: ServiceResolver,
  ) {}

  async resolve(namespace: string, name: string, port: number): Promise<ServiceAddress> {
    const address = this.addresses[`${namespace}/${name}:${port}`];
    if (!address) return this.fallback.resolve(namespace, name, port);
    return parseHostPort(address);
  }
}

/** "host:port" or "[v6]:port". */
export function parseHostPort(address: string): ServiceAddress {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  if (!m) throw new Error(`invalid service address "${address}": want host:port`);
  return { host: m[1], port: Number(m[2]) };
}
