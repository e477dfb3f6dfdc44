import { LogKV } from '../mvcc/log-kv';
import { MemoryTables } from '../mvcc/memory-tables';

/**
 * The in-memory KV behind `--storage-backend memory` and tests: the same MVCC layer as the embedded
 * store (LogKV), over tables that live in this process and vanish with it.
 */
export class MemoryKV extends LogKV {
  constructor() {
    super(new MemoryTables(), { name: 'memory store' });
  }
}
