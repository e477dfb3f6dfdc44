import type { TableColumn, J } from '@kapi/apiserver-core';

const intOrString = (v: unknown): string => (v === undefined || v === null ? 'N/A' : String(v));

/** kubectl get pdb: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE (printPodDisruptionBudget). */
export const podDisruptionBudgetTable: TableColumn[] = [
  { name: 'Min Available', description: 'The minimum number of pods that must be available.', cell: (o) => intOrString((o.spec as J | undefined)?.minAvailable) },
  { name: 'Max Unavailable', description: 'The maximum number of pods that may be unavailable.', cell: (o) => intOrString((o.spec as J | undefined)?.maxUnavailable) },
  {
    name: 'Allowed Disruptions',
    type: 'integer',
    description: 'Calculated number of pods that may be disrupted at this time.',
    cell: (o) => Number((o.status as J | undefined)?.disruptionsAllowed ?? 0),
  },
];
