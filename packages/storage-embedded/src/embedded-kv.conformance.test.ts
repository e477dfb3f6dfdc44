import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { storage } from '@kapi/apiserver-core';
import { customResourceConformanceResource, runStorageConformance } from '@kapi/apiserver-core/testing';
import { EmbeddedKV } from './embedded-kv';
import { KVSocketServer } from './kv-socket-server';
import { RemoteKV } from './remote-kv';

const embeddedFixture = async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-embedded-'));
  const kv = new EmbeddedKV({ dataDir });
  return {
    storage: new storage.KVStore(kv, { pathPrefix: '/registry' }),
    compact: (rev: number) => kv.compact(rev),
    teardown: async () => {
      await kv.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

runStorageConformance('embedded', embeddedFixture);
runStorageConformance('embedded', embeddedFixture, customResourceConformanceResource);

/**
 * A worker's view under `--workers N`: the same store served by its owner on a real Unix socket and
 * read through RemoteKV, so every semantic above is proven across the socket too. Compaction goes
 * through the client, as a compactor in a worker would.
 */
const remoteFixture = async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-embedded-remote-'));
  const owned = new EmbeddedKV({ dataDir });
  const server = await KVSocketServer.listen(owned);
  const kv = await RemoteKV.connect(server.socketPath);
  return {
    storage: new storage.KVStore(kv, { pathPrefix: '/registry' }),
    compact: (rev: number) => kv.compact(rev),
    teardown: async () => {
      await kv.close();
      await server.close();
      await owned.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

runStorageConformance('embedded through its socket (RemoteKV)', remoteFixture);
runStorageConformance('embedded through its socket (RemoteKV)', remoteFixture, customResourceConformanceResource);

// The watch cache in front of the embedded store, serving custom resources as the CR handler's storage does.
runStorageConformance(
  'cacher over embedded',
  async () => {
    const f = await embeddedFixture();
    const cacher = await storage.newCustomResourceCacher(f.storage, { cacheSize: 16, maxCacheSize: 16 });
    return {
      storage: cacher,
      compact: async (rev: number) => {
        await f.compact(rev);
        await storage.cacherTesting.evictHistoryThrough(cacher, rev, storage.customResourceFiller(), storage.customResourceKey);
      },
      teardown: async () => {
        await cacher.destroy();
        await f.teardown();
      },
    };
  },
  customResourceConformanceResource,
);
