import type { KObject } from '@kapi/apiserver-core';

export const addressTypes = ['FQDN', 'IPv4', 'IPv6'];

export interface EndpointPort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

export interface Endpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: Record<string, unknown>;
  deprecatedTopology?: Record<string, string>;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name: string }[] };
}

/** discovery.k8s.io/v1 EndpointSlice: no spec, the fields sit at the top level. */
export interface EndpointSlice extends KObject {
  addressType?: string;
  endpoints?: Endpoint[];
  ports?: EndpointPort[];
}

/** The label that ties a slice to its Service: kube-proxy, CoreDNS and kubectl describe select slices by it. */
export const serviceNameLabel = 'kubernetes.io/service-name';
