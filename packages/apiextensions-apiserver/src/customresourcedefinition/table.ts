import { ColumnTableConvertor, nameColumn } from '@kapi/apiserver-core';

/**
 * rest.NewDefaultTableConvertor, which kube serves CRDs with: NAME and CREATED AT (the timestamp
 * itself, not an age).
 */
export const customResourceDefinitionTable = new ColumnTableConvertor([
  nameColumn,
  {
    name: 'Created At',
    type: 'date',
    description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
    cell: (o) => o.metadata?.creationTimestamp ?? '',
  },
]);
