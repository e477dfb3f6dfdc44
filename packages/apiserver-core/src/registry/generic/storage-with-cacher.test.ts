import { expect } from 'chai';
import type { KObject } from '../../runtime/object';
import { Cacher } from '../../storage/cacher/cacher';
import type { ResourceStorageConfig } from '../../storage/factory';
import { newMemoryBackend } from '../../storage/memory/memory-backend';
import { everything } from '../../storage/selection-predicate';
import { undecoratedStorage } from './options';
import { storageWithCacher } from './storage-with-cacher';

describe('storageWithCacher', () => {
  const keyFunc = (obj: KObject) => `/configmaps/${obj.metadata?.namespace}/${obj.metadata?.name}`;
  const newFunc = () => ({ apiVersion: 'v1', kind: 'ConfigMap' });
  const newListFunc = () => ({ apiVersion: 'v1', kind: 'ConfigMapList', metadata: {}, items: [] });

  it('puts a Cacher in front of the backend; reads come from it, writes reach the backend', async () => {
    const backend = await newMemoryBackend({ type: 'memory', prefix: '/registry', compactionIntervalMs: 0 });
    const config: ResourceStorageConfig = { type: 'memory', prefix: '/registry', backend, groupResource: { group: '', resource: 'configmaps' } };
    const cached = storageWithCacher({ cacheSize: 10 })(config, '/configmaps', keyFunc, newFunc, newListFunc, (o) => ({ labels: o.metadata?.labels, fields: {} }));
    const plain = undecoratedStorage(config, '/configmaps', keyFunc, newFunc, newListFunc, (o) => ({ labels: o.metadata?.labels, fields: {} }));
    try {
      expect(cached.storage).to.be.instanceOf(Cacher);
      await (cached.storage as Cacher).waitReady();
      const created = await cached.storage.create('/configmaps/ns/a', { ...newFunc(), metadata: { name: 'a', namespace: 'ns' } });
      expect((await plain.storage.get('/configmaps/ns/a', {}))?.metadata?.resourceVersion).to.equal(created.metadata?.resourceVersion);
      const list = await cached.storage.getList('/configmaps/ns', { predicate: everything(), recursive: true });
      expect(list.items.map((o) => o.metadata?.name)).to.deep.equal(['a']);
    } finally {
      await cached.destroy();
      await backend.destroy();
    }
  });
});
