import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { createStorageBackend, type StorageBackendConstructor } from '@kapi/apiserver-core';
import { lockFileName } from './data-dir-lock';
import { storeFileName } from './embedded-kv';
import { newEmbeddedBackend, storageBackendType } from './embedded-backend';

describe('embedded storage backend', () => {
  it('is built by the storage factory for "embedded", keeps objects under dataDir and frees it on destroy', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-backend-'));
    try {
      const known = new Map<string, StorageBackendConstructor>([[storageBackendType, newEmbeddedBackend]]);
      const config = { type: 'embedded', prefix: '/registry', dataDir, compactionIntervalMs: 0 };
      const backend = await createStorageBackend(config, known);
      expect(backend.type).to.equal('embedded');
      const resource = { ...config, backend, groupResource: { group: '', resource: 'pods' } };
      const pods = backend.create(resource);
      await pods.create('/pods/ns/a', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'ns' } });
      await backend.healthCheck();
      expect(fs.existsSync(path.join(dataDir, storeFileName))).to.equal(true);
      await backend.destroy();
      expect(fs.existsSync(path.join(dataDir, lockFileName))).to.equal(false);

      const again = await newEmbeddedBackend(config);
      expect((await again.create({ ...resource, backend: again }).get('/pods/ns/a', {}))?.metadata?.name).to.equal('a');
      await again.destroy();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
