import type { KObject } from '@kapi/apiserver-core';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** node.k8s.io/v1 RuntimeClass: handler, overhead and scheduling sit at the top level, beside metadata. */
export interface RuntimeClass extends KObject {
  handler?: string;
  overhead?: { podFixed?: Record<string, unknown> };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
}
