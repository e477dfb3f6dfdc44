import { ageColumn, ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';
import { containersColumn, imagesColumn, selectorColumn, statusCount } from '../common/table-columns';
import { specOf } from '../common/types';

/** kubectl get deployments: NAME READY UP-TO-DATE AVAILABLE AGE (+ CONTAINERS IMAGES SELECTOR with -o wide). */
export const deploymentTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Ready', description: 'Number of the pod with ready state', cell: (o) => `${statusCount(o, 'readyReplicas')}/${specOf(o).replicas ?? 0}` },
  {
    name: 'Up-to-date',
    type: 'integer',
    description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    cell: (o) => statusCount(o, 'updatedReplicas'),
  },
  {
    name: 'Available',
    type: 'integer',
    description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    cell: (o) => statusCount(o, 'availableReplicas'),
  },
  ageColumn,
  containersColumn,
  imagesColumn,
  selectorColumn,
]);
