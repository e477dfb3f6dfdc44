import type { KObject } from '@kapi/apiserver-core';

export interface QueuingConfiguration {
  queues?: number;
  handSize?: number;
  queueLengthLimit?: number;
}

export interface LimitedPriorityLevelConfiguration {
  nominalConcurrencyShares?: number;
  limitResponse?: { type?: string; queuing?: QueuingConfiguration };
  lendablePercent?: number;
  borrowingLimitPercent?: number;
}

export interface ExemptPriorityLevelConfiguration {
  nominalConcurrencyShares?: number;
  lendablePercent?: number;
}

export interface PriorityLevelConfigurationSpec {
  type?: string;
  limited?: LimitedPriorityLevelConfiguration;
  exempt?: ExemptPriorityLevelConfiguration;
}

/** flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration: a share of the server's concurrency and how excess waits. */
export interface PriorityLevelConfiguration extends KObject {
  spec?: PriorityLevelConfigurationSpec;
  status?: { conditions?: { type?: string; status?: string }[] };
}
