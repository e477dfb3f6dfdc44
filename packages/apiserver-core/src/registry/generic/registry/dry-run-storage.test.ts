import { expect } from 'chai';
import { isStorageError } from '../../../storage/errors';
import { KVStore } from '../../../storage/kv/kv-store';
import { MemoryKV } from '../../../storage/memory/memory-kv';
import { DryRunnableStorage } from './dry-run-storage';

describe('DryRunnableStorage', () => {
  const setup = async () => {
    const kv = new MemoryKV();
    const storage = new KVStore(kv, { pathPrefix: '/registry' });
    const stored = await storage.create('/cms/ns/a', { metadata: { name: 'a', uid: 'u1' }, data: { k: 'v' } });
    return { kv, storage, dry: new DryRunnableStorage(storage), stored };
  };

  it('a dry-run create checks existence and writes nothing', async () => {
    const { kv, dry, storage } = await setup();
    const before = await kv.currentRevision();
    const out = await dry.create('/cms/ns/b', { metadata: { name: 'b' } }, undefined, true);
    expect(out.metadata!.name).to.equal('b');
    expect(await storage.get('/cms/ns/b', { ignoreNotFound: true })).to.equal(undefined);
    const dup = await dry.create('/cms/ns/a', { metadata: { name: 'a' } }, undefined, true).catch((e: unknown) => e);
    expect(isStorageError(dup, 'KeyExists')).to.equal(true);
    expect(await kv.currentRevision()).to.equal(before);
  });

  it('a dry-run update runs tryUpdate on the stored object and writes nothing', async () => {
    const { dry, storage, stored } = await setup();
    const out = await dry.guaranteedUpdate('/cms/ns/a', { tryUpdate: async (cur) => ({ obj: { ...cur, data: { k: 'w' } } }) }, true);
    expect(out.data).to.deep.equal({ k: 'w' });
    expect((await storage.get('/cms/ns/a', {}))!.data).to.deep.equal({ k: 'v' });
    expect((await storage.get('/cms/ns/a', {}))!.metadata!.resourceVersion).to.equal(stored.metadata!.resourceVersion);
    const missing = await dry.guaranteedUpdate('/cms/ns/zz', { tryUpdate: async (cur) => ({ obj: cur }) }, true).catch((e: unknown) => e);
    expect(isStorageError(missing, 'KeyNotFound')).to.equal(true);
  });

  it('a dry-run delete checks preconditions and validation, and keeps the object', async () => {
    const { dry, storage } = await setup();
    const wrong = await dry.delete('/cms/ns/a', { preconditions: { uid: 'other' } }, true).catch((e: unknown) => e);
    expect(isStorageError(wrong, 'InvalidObj')).to.equal(true);
    let validated = false;
    const out = await dry.delete('/cms/ns/a', { preconditions: { uid: 'u1' }, validateDeletion: async () => void (validated = true) }, true);
    expect(out.metadata!.name).to.equal('a');
    expect(validated).to.equal(true);
    expect(await storage.get('/cms/ns/a', {})).to.not.equal(undefined);
  });
});
