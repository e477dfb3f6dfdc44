import { networkInterfaces } from 'node:os';
import { formatIP, parseCIDR } from '@kapi/registry-core';

/** The names the `kubernetes` Service is reached by from inside a cluster (kube's alternate DNS names). */
export const kubernetesServiceNames = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];

const unspecified = new Set(['0.0.0.0', '::', '']);

export interface ServingHostOptions {
  bindAddress: string;
  advertiseAddress?: string;
  serviceClusterIPRange: string;
}

/** The first address of the primary service range: the `kubernetes` Service's ClusterIP. */
export function apiServerServiceIP(serviceClusterIPRange: string): string {
  const primary = parseCIDR(serviceClusterIPRange.split(',')[0]!.trim());
  return formatIP(primary.family, primary.base + 1n);
}

/** The host's own addresses, for a server bound to every interface. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal)
    .map((i) => i!.address);
}

/**
 * The SANs of a generated serving certificate: loopback, the bind and advertise addresses, the
 * `kubernetes` Service's names and ClusterIP — every name a client inside or outside may dial.
 */
export function servingHosts(opts: ServingHostOptions): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1', ...kubernetesServiceNames, apiServerServiceIP(opts.serviceClusterIPRange)];
  if (unspecified.has(opts.bindAddress)) hosts.push(...interfaceAddresses());
  else hosts.push(opts.bindAddress);
  if (opts.advertiseAddress) hosts.push(opts.advertiseAddress);
  return [...new Set(hosts)];
}
