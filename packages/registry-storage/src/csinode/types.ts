import type { KObject } from '@kapi/apiserver-core';

export interface CSINodeDriver {
  name: string;
  nodeID: string;
  topologyKeys?: string[];
  allocatable?: { count?: number };
}

/** storage.k8s.io/v1 CSINode: the CSI drivers registered on a node (named after it). */
export interface CSINode extends KObject {
  spec?: { drivers?: CSINodeDriver[] };
}
