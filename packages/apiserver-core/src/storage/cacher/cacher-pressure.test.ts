import { KVStore } from '../kv/kv-store';
import { MemoryKV } from '../memory/memory-kv';
import { runCacherPressure } from './testing/pressure';

runCacherPressure(
  'memory',
  async () => {
    const kv = new MemoryKV();
    return {
      backend: new KVStore(kv, { pathPrefix: '/registry', newFunc: () => ({ apiVersion: 'v1', kind: 'Pod' }) }),
      compact: (rev) => kv.compact(rev),
      teardown: () => kv.close(),
    };
  },
  { writers: 4, durationMs: 2500, clients: 6, cacheSize: 50, watcherBufferSize: 100, compactIntervalMs: 500, slowPauseMs: 300 },
);
