import type { Clock } from '../../util/clock';
import { LogKV } from '../mvcc/log-kv';
import { MemoryTables, type MemoryTablesSnapshot } from '../mvcc/memory-tables';

export interface MemoryKVOptions {
  /** The time TTLs run on (default the wall clock). */
  clock?: Clock;
}

/**
 * The in-memory KV behind `--storage-backend memory` and tests: the same MVCC layer as the embedded
 * store (LogKV), over tables that live in this process and vanish with it.
 */
export class MemoryKV extends LogKV {
  private readonly memory: MemoryTables;

  constructor(opts: MemoryKVOptions = {}) {
    const tables = new MemoryTables();
    super(tables, { name: 'memory store', clock: opts.clock });
    this.memory = tables;
  }

  /**
   * The state of one revision, kept in this process: a copy of the tables' maps (the rows
   * themselves are shared, never changed in place), so it costs milliseconds, not a file.
   */
  snapshot(): MemoryTablesSnapshot {
    return this.memory.snapshot();
  }

  /**
   * Puts a snapshot's state back as `kapi snapshot restore` does for the embedded store: the
   * revision moves forward past every one handed out, everything before it is compacted, and
   * every watch ends with 410 so caches and informers re-list. Returns the new revision.
   */
  restore(snapshot: MemoryTablesSnapshot): Promise<number> {
    return this.replaceState(() => this.memory.load(snapshot));
  }
}
