import { runStorageConformance } from '../testing/conformance';
import { KVStore } from '../kv/kv-store';
import { MemoryKV } from './memory-kv';

runStorageConformance('memory', async () => {
  const kv = new MemoryKV();
  return {
    storage: new KVStore(kv, { pathPrefix: '/registry' }),
    compact: (rev) => kv.compact(rev),
    teardown: () => kv.close(),
  };
});
