import type { KObject } from '@kapi/apiserver-core';

export const parametersScopes = ['Cluster', 'Namespace'];

/** A reference to a resource holding a controller's configuration. */
export interface IngressClassParametersReference {
  apiGroup?: string;
  kind?: string;
  name?: string;
  scope?: string;
  namespace?: string;
}

export interface IngressClassSpec {
  controller?: string;
  parameters?: IngressClassParametersReference;
}

/** networking.k8s.io/v1 IngressClass (cluster-scoped). */
export interface IngressClass extends KObject {
  spec?: IngressClassSpec;
}
