import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { storage } from '@kapi/apiserver-core';
import { runStorageConformance } from '@kapi/apiserver-core/testing';
import { EmbeddedKV } from './embedded-kv';

runStorageConformance('embedded', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-embedded-'));
  const kv = new EmbeddedKV({ dataDir });
  return {
    storage: new storage.KVStore(kv, { pathPrefix: '/registry' }),
    compact: (rev) => kv.compact(rev),
    teardown: async () => {
      await kv.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
