import { ageColumn, ColumnTableConvertor, nameColumn, type KObject } from '@kapi/apiserver-core';

/** kubectl get secrets: NAME TYPE DATA AGE. */
export const secretTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Type', cell: (o: KObject) => String(o.type ?? '') },
  { name: 'Data', type: 'integer', cell: (o: KObject) => Object.keys((o.data as object) ?? {}).length },
  ageColumn,
]);
