import type { PriorityLevelConfiguration } from './types';

/** SetObjectDefaults_PriorityLevelConfiguration of flowcontrol/v1 (zero queue numbers count as unset, as in Go). */
export function setPriorityLevelDefaults(pl: PriorityLevelConfiguration): void {
  const { limited, exempt } = pl.spec ?? {};
  if (exempt) {
    exempt.nominalConcurrencyShares ??= 0;
    exempt.lendablePercent ??= 0;
  }
  if (limited) {
    limited.nominalConcurrencyShares ??= 30;
    limited.lendablePercent ??= 0;
    const queuing = limited.limitResponse?.queuing;
    if (queuing) {
      queuing.handSize ||= 8;
      queuing.queues ||= 64;
      queuing.queueLengthLimit ||= 50;
    }
  }
}
