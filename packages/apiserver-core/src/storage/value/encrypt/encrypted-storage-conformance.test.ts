import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { KVStore } from '../../kv/kv-store';
import { MemoryKV } from '../../memory/memory-kv';
import { runStorageConformance } from '../../testing/conformance';
import { newPrefixTransformers } from '../prefix-transformers';
import { newGCMTransformer } from './aes';

/** Encryption must not change storage semantics: the whole contract again, every value through aesgcm. */
const aesgcm = () => newPrefixTransformers('no matching prefix found', [{ prefix: Buffer.from('k8s:enc:aesgcm:v1:k:'), transformer: newGCMTransformer(randomBytes(32)) }]);

runStorageConformance('memory with aesgcm', async () => {
  const kv = new MemoryKV();
  return {
    storage: new KVStore(kv, { pathPrefix: '/registry', transformer: aesgcm() }),
    compact: (rev) => kv.compact(rev),
    teardown: () => kv.close(),
  };
});

describe('KVStore with an encrypting transformer', () => {
  it('keeps only ciphertext in the KV and decodes it on read', async () => {
    const kv = new MemoryKV();
    const store = new KVStore(kv, { pathPrefix: '/registry', transformer: aesgcm() });
    await store.create('/secrets/ns/a', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a', namespace: 'ns' }, data: { k: 'c2VjcmV0' } } as never);
    const raw = (await kv.get('/registry/secrets/ns/a')).kv!.value;
    expect(raw.subarray(0, 20).toString()).to.equal('k8s:enc:aesgcm:v1:k:');
    expect(raw.includes(Buffer.from('c2VjcmV0'))).to.equal(false);
    expect(((await store.get('/secrets/ns/a', {})) as { data: { k: string } }).data.k).to.equal('c2VjcmV0');
    await kv.close();
  });
});
