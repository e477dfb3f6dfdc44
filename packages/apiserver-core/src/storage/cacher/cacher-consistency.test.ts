import { KVStore } from '../kv/kv-store';
import { MemoryKV } from '../memory/memory-kv';
import { runCacherConsistency } from './testing/consistency';

runCacherConsistency(
  'memory',
  async () => {
    const kv = new MemoryKV();
    return { backend: new KVStore(kv, { pathPrefix: '/registry', newFunc: () => ({ apiVersion: 'v1', kind: 'Pod' }) }), teardown: () => kv.close() };
  },
  { writers: 4, opsPerWriter: 250, watchers: 24 },
);
