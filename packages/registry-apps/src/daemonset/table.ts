import { ageColumn, ColumnTableConvertor, nameColumn, type KObject } from '@kapi/apiserver-core';
import { containersColumn, imagesColumn, selectorColumn, statusCount } from '../common/table-columns';
import { specOf, type DaemonSetSpec } from '../common/types';

const nodeSelector = (o: KObject) => {
  const entries = Object.entries(specOf<DaemonSetSpec>(o).template?.spec?.nodeSelector ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
};

/** kubectl get daemonsets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE (+ wide columns). */
export const daemonSetTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Desired', type: 'integer', description: 'The total number of nodes that should be running the daemon pod.', cell: (o) => statusCount(o, 'desiredNumberScheduled') },
  { name: 'Current', type: 'integer', description: 'The number of nodes that are running at least 1 daemon pod.', cell: (o) => statusCount(o, 'currentNumberScheduled') },
  { name: 'Ready', type: 'integer', description: 'The number of nodes that should be running the daemon pod and have one ready.', cell: (o) => statusCount(o, 'numberReady') },
  { name: 'Up-to-date', type: 'integer', description: 'The total number of nodes that are running updated daemon pod', cell: (o) => statusCount(o, 'updatedNumberScheduled') },
  {
    name: 'Available',
    type: 'integer',
    description: 'The number of nodes that should be running the daemon pod and have one available.',
    cell: (o) => statusCount(o, 'numberAvailable'),
  },
  { name: 'Node Selector', description: 'NodeSelector is a selector which must be true for the pod to fit on a node.', cell: nodeSelector },
  ageColumn,
  containersColumn,
  imagesColumn,
  selectorColumn,
]);
