import type { KObject } from '@kapi/apiserver-core';

export const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];

export interface IngressServiceBackend {
  name?: string;
  port?: { name?: string; number?: number };
}

export interface IngressBackend {
  service?: IngressServiceBackend;
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

export interface HTTPIngressPath {
  path?: string;
  pathType?: string;
  backend?: IngressBackend;
}

export interface IngressRule {
  host?: string;
  http?: { paths?: HTTPIngressPath[] };
}

export interface IngressTLS {
  hosts?: string[];
  secretName?: string;
}

export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules?: IngressRule[];
  tls?: IngressTLS[];
}

export interface IngressLoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ports?: { port?: number; protocol?: string; error?: string }[];
}

export interface IngressStatus {
  loadBalancer?: { ingress?: IngressLoadBalancerIngress[] };
}

/** networking.k8s.io/v1 Ingress. */
export interface Ingress extends KObject {
  spec?: IngressSpec;
  status?: IngressStatus;
}

/** The class annotation that predates spec.ingressClassName. */
export const ingressClassAnnotation = 'kubernetes.io/ingress.class';
