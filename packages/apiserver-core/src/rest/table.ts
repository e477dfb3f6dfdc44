import type { KList, KObject } from '../runtime/object';

/** meta.k8s.io/v1 Table, what `kubectl get` prints. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object?: KObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export interface TableOptions {
  /** includeObject: None | Metadata (default) | Object. */
  includeObject?: 'None' | 'Metadata' | 'Object';
  /** Omit column definitions (noHeaders on continued pages). */
  noHeaders?: boolean;
}

/** A column as a resource's table.ts declares it: definition plus how to compute its cell. */
export interface TableColumn {
  name: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  /** 0: shown by default; 1: only with `-o wide`. */
  priority?: number;
  cell: (obj: KObject) => unknown;
}

/** duration.HumanDuration: the AGE kubectl shows ("5m", "3h12m", "2d"). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const d = Math.floor(hours / 24) % 365;
    return d === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function ageOf(obj: KObject): string {
  const ts = obj.metadata?.creationTimestamp;
  return ts ? humanDuration(Date.now() - Date.parse(String(ts))) : '<unknown>';
}

export const nameColumn: TableColumn = {
  name: 'Name',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  cell: (o) => o.metadata?.name ?? '',
};

export const ageColumn: TableColumn = {
  name: 'Age',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  cell: ageOf,
};

function partialMetadata(obj: KObject): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

function isList(obj: KObject | KList): obj is KList {
  return Array.isArray((obj as KList).items);
}

/**
 * A TableConvertor from column declarations (the built-in printers of pkg/printers/internalversion).
 * With no columns it is the default convertor: NAME and AGE.
 */
export class ColumnTableConvertor {
  constructor(private readonly columns: TableColumn[] = [nameColumn, ageColumn]) {}

  async convertToTable(_ctx: unknown, obj: KObject | KList, opts: TableOptions = {}): Promise<Table> {
    const items = isList(obj) ? obj.items : [obj];
    const include = opts.includeObject ?? 'Metadata';
    const rows = items.map((item): TableRow => {
      const row: TableRow = { cells: this.columns.map((c) => c.cell(item)) };
      if (include === 'Object') row.object = item;
      else if (include === 'Metadata') row.object = partialMetadata(item);
      return row;
    });
    const listMeta = isList(obj) ? obj.metadata : { resourceVersion: obj.metadata?.resourceVersion };
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { ...listMeta },
      columnDefinitions: opts.noHeaders
        ? []
        : this.columns.map((c) => ({
            name: c.name,
            type: c.type ?? 'string',
            format: c.format ?? '',
            description: c.description ?? '',
            priority: c.priority ?? 0,
          })),
      rows,
    };
  }
}
