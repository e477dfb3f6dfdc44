import type { PriorityLevelConfiguration, PriorityLevelConfigurationSpec } from '../prioritylevelconfiguration/types';
import { autoUpdateAnnotation } from './annotations';

function priorityLevel(name: string, spec: PriorityLevelConfigurationSpec): PriorityLevelConfiguration {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
    kind: 'PriorityLevelConfiguration',
    metadata: { name, annotations: { [autoUpdateAnnotation]: 'true' } },
    spec,
  };
}

/** A limited level that queues: shares, the part it may lend, and its queues. */
function queuing(name: string, shares: number, lendablePercent: number, queues: number, handSize: number): PriorityLevelConfiguration {
  return priorityLevel(name, {
    type: 'Limited',
    limited: { nominalConcurrencyShares: shares, lendablePercent, limitResponse: { type: 'Queue', queuing: { queues, handSize, queueLengthLimit: 50 } } },
  });
}

/** The levels every server keeps as they are: "exempt" (never limited) and "catch-all" (rejects what nothing else matched). */
export const mandatoryPriorityLevels: PriorityLevelConfiguration[] = [
  priorityLevel('catch-all', { type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } } }),
  priorityLevel('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }),
];

/** The levels a server creates once and updates while their autoupdate annotation says so (kube-apiserver 1.32's values). */
export const suggestedPriorityLevels: PriorityLevelConfiguration[] = [
  queuing('system', 30, 33, 64, 6),
  queuing('node-high', 40, 25, 64, 6),
  queuing('leader-election', 10, 0, 16, 4),
  queuing('workload-high', 40, 50, 128, 6),
  queuing('workload-low', 100, 90, 128, 6),
  queuing('global-default', 20, 50, 128, 6),
];
