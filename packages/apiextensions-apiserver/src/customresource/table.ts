import { ColumnTableConvertor, nameColumn, printerColumns } from '@kapi/apiserver-core';
import type { CustomResourceColumnDefinition } from '../apis/types';

/**
 * The Table of a custom resource: NAME, then the version's additionalPrinterColumns; without any,
 * the AGE column kube serves by default.
 */
export function customResourceTable(columns: CustomResourceColumnDefinition[] | undefined): ColumnTableConvertor {
  const cols = columns?.length
    ? columns
    : [
        {
          name: 'Age',
          type: 'date',
          jsonPath: '.metadata.creationTimestamp',
          description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
        },
      ];
  return new ColumnTableConvertor([nameColumn, ...printerColumns(cols)]);
}
