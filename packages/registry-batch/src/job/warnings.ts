import type { JobSpec } from '../common/types';

const completionsSoftLimit = 100_000;
const parallelismSoftLimit = 10_000;

/** WarningsForJobSpec (its Indexed-Job part): so many indexes at once may outgrow what the status can track. */
export function jobSpecWarnings(spec: JobSpec | undefined, path: string): string[] {
  if (spec?.completionMode !== 'Indexed') return [];
  if ((spec.completions ?? 0) <= completionsSoftLimit || (spec.parallelism ?? 0) <= parallelismSoftLimit) return [];
  return [
    `${path}: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail`,
  ];
}
