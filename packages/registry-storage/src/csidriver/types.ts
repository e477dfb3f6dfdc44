import type { KObject } from '@kapi/apiserver-core';

export interface TokenRequest {
  audience: string;
  expirationSeconds?: number;
}

export interface CSIDriverSpec {
  attachRequired?: boolean;
  podInfoOnMount?: boolean;
  volumeLifecycleModes?: string[];
  storageCapacity?: boolean;
  fsGroupPolicy?: string;
  tokenRequests?: TokenRequest[];
  requiresRepublish?: boolean;
  seLinuxMount?: boolean;
}

/** storage.k8s.io/v1 CSIDriver. */
export interface CSIDriver extends KObject {
  spec?: CSIDriverSpec;
}
