import { ColumnTableConvertor, humanDuration, nameColumn, type KObject, type TableColumn } from '@kapi/apiserver-core';
import type { CustomResourceColumnDefinition } from '../apis/types';
import { evaluateJSONPath } from './jsonpath';

/** A printer column's cell as kube's tableconvertor renders it: dates as ages, one value or a comma-joined list. */
function cellOf(col: CustomResourceColumnDefinition): (obj: KObject) => unknown {
  return (obj) => {
    const values = evaluateJSONPath(obj, col.jsonPath);
    if (values.length === 0) return null;
    if (col.type === 'date') {
      const t = Date.parse(String(values[0]));
      return Number.isNaN(t) ? '<invalid>' : humanDuration(Date.now() - t);
    }
    if (values.length === 1) {
      const v = values[0];
      if (v !== null && typeof v === 'object') return JSON.stringify(v);
      if (col.type === 'string' && typeof v !== 'string') return String(v);
      return v;
    }
    return values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
  };
}

/**
 * The Table of a custom resource: NAME, then the version's additionalPrinterColumns; without any,
 * the AGE column kube serves by default.
 */
export function customResourceTable(columns: CustomResourceColumnDefinition[] | undefined): ColumnTableConvertor {
  const cols = columns?.length ? columns : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' }];
  return new ColumnTableConvertor([
    nameColumn,
    ...cols.map((c): TableColumn => ({
      name: c.name,
      type: c.type as TableColumn['type'],
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
      cell: cellOf(c),
    })),
  ]);
}
