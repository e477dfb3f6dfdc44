import { ageColumn, ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';
import { containersColumn, imagesColumn, statusCount } from '../common/table-columns';
import { specOf } from '../common/types';

/** kubectl get statefulsets: NAME READY AGE (+ CONTAINERS IMAGES with -o wide). */
export const statefulSetTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Ready', description: 'Number of the pod with ready state', cell: (o) => `${statusCount(o, 'readyReplicas')}/${specOf(o).replicas ?? 0}` },
  ageColumn,
  containersColumn,
  imagesColumn,
]);
