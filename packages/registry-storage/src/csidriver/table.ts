import type { KObject, TableColumn } from '@kapi/apiserver-core';
import type { CSIDriverSpec } from './types';

const spec = (o: KObject): CSIDriverSpec => (o.spec as CSIDriverSpec | undefined) ?? {};

/** kubectl get csidrivers: NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE. */
export const csiDriverTable: TableColumn[] = [
  { name: 'AttachRequired', type: 'boolean', description: 'Whether the driver needs an attach step.', cell: (o) => spec(o).attachRequired ?? true },
  { name: 'PodInfoOnMount', type: 'boolean', description: 'Whether pod details are passed on mount.', cell: (o) => spec(o).podInfoOnMount ?? false },
  { name: 'StorageCapacity', type: 'boolean', description: 'Whether the scheduler considers the capacity the driver reports.', cell: (o) => spec(o).storageCapacity ?? false },
  {
    name: 'TokenRequests',
    description: 'Audiences of the service account tokens passed on mount.',
    cell: (o) => {
      const requests = spec(o).tokenRequests;
      return requests ? requests.map((r) => r.audience).join(',') : '<unset>';
    },
  },
  { name: 'RequiresRepublish', type: 'boolean', description: 'Whether volumes are mounted again periodically.', cell: (o) => spec(o).requiresRepublish ?? false },
  { name: 'Modes', description: 'The volume lifecycle modes the driver supports.', cell: (o) => (spec(o).volumeLifecycleModes ?? []).join(',') || '<none>' },
];
