import { ageColumn, ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';
import { containersColumn, imagesColumn, selectorColumn, statusCount } from '../common/table-columns';
import { specOf } from '../common/types';

/** kubectl get replicasets: NAME DESIRED CURRENT READY AGE (+ CONTAINERS IMAGES SELECTOR with -o wide). */
export const replicaSetTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Desired', type: 'integer', description: 'Number of desired pods.', cell: (o) => specOf(o).replicas ?? 0 },
  { name: 'Current', type: 'integer', description: 'Number of actual pods.', cell: (o) => statusCount(o, 'replicas') },
  { name: 'Ready', type: 'integer', description: 'Number of pods ready.', cell: (o) => statusCount(o, 'readyReplicas') },
  ageColumn,
  containersColumn,
  imagesColumn,
  selectorColumn,
]);
