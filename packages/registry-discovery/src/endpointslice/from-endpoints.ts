import type { KObject } from '@kapi/apiserver-core';
import { serviceNameLabel, type Endpoint, type EndpointPort, type EndpointSlice } from './types';

interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: Record<string, unknown>;
}

interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

const isIPv6 = (ip: string) => ip.includes(':');

function endpointsOf(addresses: EndpointAddress[], ipv6: boolean, ready: boolean): Endpoint[] {
  return addresses
    .filter((a) => isIPv6(a.ip) === ipv6)
    .map((a) => ({
      addresses: [a.ip],
      conditions: { ready },
      ...(a.targetRef ? { targetRef: a.targetRef } : {}),
      ...(a.nodeName !== undefined ? { nodeName: a.nodeName } : {}),
    }));
}

/**
 * The EndpointSlice kube-apiserver's endpoint reconciler keeps beside an Endpoints object it owns
 * (the `kubernetes` service's): same name, the service-name label, the first subset's ports and
 * addresses, IPv6 only when every address is. kube-proxy routes by slices, not Endpoints.
 */
export function endpointSliceFromEndpoints(endpoints: KObject): EndpointSlice {
  const subset = ((endpoints as { subsets?: EndpointSubset[] }).subsets ?? [])[0];
  const ready = subset?.addresses ?? [];
  const notReady = subset?.notReadyAddresses ?? [];
  const all = [...ready, ...notReady];
  const ipv6 = all.length > 0 && all.every((a) => isIPv6(a.ip));
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: endpoints.metadata?.name, namespace: endpoints.metadata?.namespace, labels: { [serviceNameLabel]: endpoints.metadata?.name ?? '' } },
    addressType: ipv6 ? 'IPv6' : 'IPv4',
  };
  if (subset) {
    slice.ports = (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' }));
    slice.endpoints = [...endpointsOf(ready, ipv6, true), ...endpointsOf(notReady, ipv6, false)];
  }
  return slice;
}
