import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { newCBCTransformer } from '../../aes';
import { KMSv1EnvelopeTransformer } from './envelope';
import type { KMSv1Service } from './kms-service';

/** A KMS v1 held in memory: AES-GCM under one key, counting calls. */
function fakeKMS(): KMSv1Service & { encrypts: number; decrypts: number; deks: Buffer[]; down: boolean } {
  const key = randomBytes(32);
  const kms = {
    encrypts: 0,
    decrypts: 0,
    deks: [] as Buffer[],
    down: false,
    encrypt: async (plain: Buffer) => {
      kms.encrypts++;
      if (kms.down) throw new Error('rpc error: code = Unavailable desc = down');
      kms.deks.push(Buffer.from(plain));
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      return Buffer.concat([nonce, c.update(plain), c.final(), c.getAuthTag()]);
    },
    decrypt: async (cipher: Buffer) => {
      kms.decrypts++;
      if (kms.down) throw new Error('rpc error: code = Unavailable desc = down');
      const d = createDecipheriv('aes-256-gcm', key, cipher.subarray(0, 12));
      d.setAuthTag(cipher.subarray(cipher.length - 16));
      return Buffer.concat([d.update(cipher.subarray(12, cipher.length - 16)), d.final()]);
    },
    close: () => undefined,
  };
  return kms;
}

describe('KMS v1 envelope transformer', () => {
  const ctx = '/registry/secrets/ns/a';
  const value = Buffer.from('{"kind":"Secret"}');

  it('writes uint16 length ‖ encrypted DEK ‖ AES-GCM(DEK) with the storage key as additional data, a new DEK each write', async () => {
    const kms = fakeKMS();
    const t = new KMSv1EnvelopeTransformer('p', kms);
    const stored = await t.transformToStorage(value, ctx);
    await t.transformToStorage(value, ctx);
    expect(kms.encrypts).to.equal(2);
    expect(kms.deks[0]).to.have.length(32);
    expect(kms.deks[0]).to.not.deep.equal(kms.deks[1]);
    const encKeyLength = stored.readUInt16BE(0);
    const box = stored.subarray(2 + encKeyLength);
    const d = createDecipheriv('aes-256-gcm', kms.deks[0], box.subarray(0, 12));
    d.setAAD(Buffer.from(ctx));
    d.setAuthTag(box.subarray(box.length - 16));
    expect(Buffer.concat([d.update(box.subarray(12, box.length - 16)), d.final()])).to.deep.equal(value);
  });

  it('reads through the DEK cache: the writer never asks Decrypt, a second reader asks once per DEK', async () => {
    const kms = fakeKMS();
    const stored = await new KMSv1EnvelopeTransformer('p', kms).transformToStorage(value, ctx);
    const reader = new KMSv1EnvelopeTransformer('p', kms);
    for (let i = 0; i < 3; i++) expect(await reader.transformFromStorage(stored, ctx)).to.deep.equal({ data: value, stale: false });
    expect(kms.decrypts).to.equal(1);
    const uncached = new KMSv1EnvelopeTransformer('p', kms, -1);
    await uncached.transformFromStorage(stored, ctx);
    await uncached.transformFromStorage(stored, ctx);
    expect(kms.decrypts).to.equal(3);
  });

  it('reads values kube wrote with AES-CBC before 1.25, as stale', async () => {
    const kms = fakeKMS();
    const dek = randomBytes(32);
    const encKey = await kms.encrypt(dek);
    const cbc = await newCBCTransformer(dek).transformToStorage(value, ctx);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(encKey.length);
    const out = await new KMSv1EnvelopeTransformer('p', kms).transformFromStorage(Buffer.concat([length, encKey, cbc]), ctx);
    expect(out).to.deep.equal({ data: value, stale: true });
  });

  it("refuses a value too short for its length prefix with kube's message", async () => {
    await new KMSv1EnvelopeTransformer('p', fakeKMS()).transformFromStorage(Buffer.from([0, 40, 1, 2]), ctx).then(
      () => expect.fail('read'),
      (err: Error) => expect(err.message).to.equal('invalid data encountered by envelope transformer: failed to read uint16 length prefixed data'),
    );
  });

  it('probes with Encrypt then Decrypt, names the failing section, and reuses the answer for its TTL', async () => {
    const kms = fakeKMS();
    let now = 1_000_000;
    const t = new KMSv1EnvelopeTransformer('p', kms, 1000, () => now);
    await t.probe();
    expect([kms.encrypts, kms.decrypts]).to.deep.equal([1, 1]);
    kms.down = true;
    await t.probe(); // within the 20s positive TTL
    expect(kms.encrypts).to.equal(1);
    now += 20_001;
    await t.probe().then(
      () => expect.fail('healthy'),
      (err: Error) => expect(err.message).to.equal('failed to perform encrypt section of the healthz check for KMS Provider p, error: rpc error: code = Unavailable desc = down'),
    );
  });
});
