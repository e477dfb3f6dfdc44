import { evaluateJSONPath } from './jsonpath';
import { humanDuration, type TableColumn } from './table';

/**
 * A printer column declared by a JSONPath, as a CRD's additionalPrinterColumns (and a kind generated
 * from TypeScript types, whose `+printcolumn` markers become these): the one place their cells are rendered.
 */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** A printer column's cell as kube's tableconvertor renders it: dates as ages, one value or a comma-joined list. */
function cellOf(col: PrinterColumn): TableColumn['cell'] {
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

export function printerColumns(columns: PrinterColumn[]): TableColumn[] {
  return columns.map((c) => ({
    name: c.name,
    type: c.type as TableColumn['type'],
    format: c.format ?? '',
    description: c.description ?? '',
    priority: c.priority ?? 0,
    cell: cellOf(c),
  }));
}
