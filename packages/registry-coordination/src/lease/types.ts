import type { KObject } from '@kapi/apiserver-core';

/** coordination.k8s.io/v1 LeaseSpec: times are metav1.MicroTime strings. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
  /** Only with the CoordinatedLeaderElection gate (alpha in 1.32, off): dropped on write. */
  strategy?: string;
  preferredHolder?: string;
}

export interface Lease extends KObject {
  spec?: LeaseSpec;
}
