import type { KObject } from '@kapi/apiserver-core';

/** scheduling.k8s.io/v1 PriorityClass: its fields sit at the top level, beside metadata. */
export interface PriorityClass extends KObject {
  value?: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: string;
}

/** Values above this are reserved for the system classes. */
export const highestUserDefinablePriority = 1_000_000_000;
export const systemCriticalPriority = 2 * highestUserDefinablePriority;
/** Names with this prefix are reserved for the system classes. */
export const systemPriorityClassPrefix = 'system-';
