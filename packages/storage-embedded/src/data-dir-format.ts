import type { LmdbTables } from './lmdb-tables';

/**
 * The layout version of the embedded store, kept inside the store (so a snapshot carries it):
 * 0 = a store written before versions were recorded, 1 = the same layout, stamped. A newer kapi
 * migrates an older store step by step on open; an older kapi refuses a newer one by name rather
 * than misreading it.
 */
export const currentDataDirFormat = 1;

interface Migration {
  from: number;
  to: number;
  describe: string;
  migrate(tables: LmdbTables): void;
}

/** One step per format change, applied in order; each leaves the store at `to`. */
const migrations: Migration[] = [
  // Format 1 only starts recording the version: rows, index, leases and counters are unchanged.
  { from: 0, to: 1, describe: 'record the data-dir format version', migrate: () => undefined },
];

export class DataDirFormatError extends Error {
  constructor(dataDir: string, found: number) {
    super(
      `data dir ${dataDir} has kapi-data format ${found}, newer than this kapi supports (format ${currentDataDirFormat}): ` +
        `run a kapi release that supports format ${found}, or restore a snapshot taken with this release`,
    );
    this.name = 'DataDirFormatError';
  }
}

/** Checks the store's format on open: stamps a new store, migrates an older one, refuses a newer one. */
export function ensureDataDirFormat(tables: LmdbTables, dataDir: string): { from: number; to: number } {
  const recorded = tables.formatVersion();
  const found = recorded ?? (tables.isEmpty() ? currentDataDirFormat : 0);
  if (found > currentDataDirFormat) throw new DataDirFormatError(dataDir, found);
  let format = found;
  for (const m of migrations) {
    if (m.from !== format) continue;
    m.migrate(tables);
    format = m.to;
  }
  if (format !== currentDataDirFormat) throw new Error(`data dir ${dataDir}: no migration from kapi-data format ${format} to ${currentDataDirFormat}`);
  if (recorded !== format) tables.setFormatVersion(format);
  return { from: found, to: format };
}
