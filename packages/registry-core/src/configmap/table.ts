import { ageColumn, ColumnTableConvertor, nameColumn, type KObject } from '@kapi/apiserver-core';

/** kubectl get configmaps: NAME DATA AGE (pkg/printers/internalversion printConfigMap). */
export const configMapTable = new ColumnTableConvertor([
  nameColumn,
  {
    name: 'Data',
    type: 'integer',
    cell: (o: KObject) => Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length,
  },
  ageColumn,
]);
