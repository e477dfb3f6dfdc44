import { ageColumn, ColumnTableConvertor, nameColumn, type KObject } from '@kapi/apiserver-core';

/** kubectl get namespaces: NAME STATUS AGE. */
export const namespaceTable = new ColumnTableConvertor([
  nameColumn,
  { name: 'Status', cell: (o: KObject) => String((o.status as { phase?: string } | undefined)?.phase ?? '') },
  ageColumn,
]);
