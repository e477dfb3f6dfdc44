import { createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { decodeEncryptedObject, EncryptedDEKSourceType } from './encrypted-object';
import { KMSv2EnvelopeTransformer } from './envelope';
import type { KMSService } from './kms-service';

/** A KMS held in memory: XOR "encryption" is enough to see which seed went where. */
function fakeKMS(): KMSService & { keyID: string; seeds: Buffer[]; encrypts: number; decrypts: number } {
  const mask = randomBytes(32);
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ mask[i % 32]));
  const kms = {
    keyID: 'k1',
    seeds: [] as Buffer[],
    encrypts: 0,
    decrypts: 0,
    status: async () => ({ version: 'v2', healthz: 'ok', keyID: kms.keyID }),
    encrypt: async (_uid: string, plaintext: Buffer) => {
      kms.encrypts++;
      kms.seeds.push(Buffer.from(plaintext));
      return { ciphertext: xor(plaintext), keyID: kms.keyID, annotations: {} };
    },
    decrypt: async (_uid: string, req: { ciphertext: Buffer }) => {
      kms.decrypts++;
      return xor(req.ciphertext);
    },
    close: () => undefined,
  };
  return kms;
}

describe('KMS v2 envelope transformer', () => {
  const ctx = '/registry/secrets/ns/a';
  const value = Buffer.from('{"kind":"Secret"}');

  it('seals with HKDF-SHA256-Expand(seed, info) as the AES-GCM key: info(32) ‖ nonce(12) ‖ ciphertext ‖ tag', async () => {
    const kms = fakeKMS();
    const t = new KMSv2EnvelopeTransformer('p', kms);
    const o = decodeEncryptedObject(await t.transformToStorage(value, ctx));
    expect(o).to.include({ keyID: 'k1', encryptedDEKSourceType: EncryptedDEKSourceType.HKDF_SHA256_XNONCE_AES_GCM_SEED });
    // Independent reading: derive the key from the seed the KMS saw, open the GCM box.
    const info = o.encryptedData.subarray(0, 32);
    const key = createHmac('sha256', kms.seeds[0])
      .update(info)
      .update(Buffer.from([1]))
      .digest();
    const box = o.encryptedData.subarray(32);
    const d = createDecipheriv('aes-256-gcm', key, box.subarray(0, 12));
    d.setAAD(Buffer.from(ctx));
    d.setAuthTag(box.subarray(box.length - 16));
    expect(Buffer.concat([d.update(box.subarray(12, box.length - 16)), d.final()])).to.deep.equal(value);
  });

  it('asks the KMS once per seed: one Encrypt for many writes, one Decrypt for many reads', async () => {
    const kms = fakeKMS();
    const writer = new KMSv2EnvelopeTransformer('p', kms);
    const stored = await Promise.all([1, 2, 3].map(() => writer.transformToStorage(value, ctx)));
    expect(kms.encrypts).to.equal(1);
    const reader = new KMSv2EnvelopeTransformer('p', kms);
    for (const s of stored) expect((await reader.transformFromStorage(s, ctx)).data).to.deep.equal(value);
    expect(kms.decrypts).to.equal(1);
  });

  it('rotates the seed when Status reports a new key ID and marks older values stale', async () => {
    const kms = fakeKMS();
    const t = new KMSv2EnvelopeTransformer('p', kms);
    const old = await t.transformToStorage(value, ctx);
    kms.keyID = 'k2';
    await t.probe();
    expect(kms.encrypts).to.equal(2);
    expect(decodeEncryptedObject(await t.transformToStorage(value, ctx)).keyID).to.equal('k2');
    expect((await t.transformFromStorage(old, ctx)).stale).to.equal(true);
  });

  it('fails the probe with kube message on an unhealthy plugin', async () => {
    const kms = fakeKMS();
    kms.status = async () => ({ version: 'v2', healthz: 'sick', keyID: 'k1' });
    await new KMSv2EnvelopeTransformer('p', kms).probe().then(
      () => expect.fail('healthy'),
      (err: Error) => expect(err.message).to.equal('kmsv2 Provider p is not healthy, error: got unexpected healthz status: sick'),
    );
  });

  describe('write expiry (kmsv2PluginWriteDEKSourceMaxTTL)', () => {
    it('keeps the seed writable while probes succeed, coasts while they fail, and refuses writes after the TTL', async () => {
      const kms = fakeKMS();
      let now = Date.parse('2026-12-03T14:00:00Z');
      const t = new KMSv2EnvelopeTransformer('p', kms, { writeDEKSourceMaxTTLMs: 180_000, now: () => now });
      await t.transformToStorage(value, ctx);
      now += 120_000;
      await t.probe(); // good: the expiry moves to now + 3 min
      now += 120_000;
      const coasted = await t.transformToStorage(value, ctx);
      kms.status = async () => ({ version: 'v2', healthz: 'down', keyID: 'k1' });
      await t.probe().catch(() => undefined);
      now += 61_000;
      await t.transformToStorage(value, ctx).then(
        () => expect.fail('written after expiry'),
        (err: Error) =>
          expect(err.message).to.equal(
            `encryptedDEKSource with keyID hash "sha256:${createHash('sha256').update('k1').digest('hex')}" expired at 2026-12-03T14:05:00Z (current time is 2026-12-03T14:05:01Z)`,
          ),
      );
      // Reads never expire.
      expect((await t.transformFromStorage(coasted, ctx)).data).to.deep.equal(value);
      kms.status = async () => ({ version: 'v2', healthz: 'ok', keyID: 'k1' });
      await t.probe();
      await t.transformToStorage(value, ctx);
      expect(kms.encrypts).to.equal(1);
    });

    it("keeps the old seed when the new key ID cannot be used, with kube's rotation summary", async () => {
      const kms = fakeKMS();
      const t = new KMSv2EnvelopeTransformer('p', kms);
      await t.probe();
      kms.status = async () => ({ version: 'v2', healthz: 'ok', keyID: 'k2' }); // Encrypt still answers k1
      await t.probe().then(
        () => expect.fail('rotated'),
        (err: Error) =>
          expect(err.message).to.match(
            /^failed to rotate DEK uid="[0-9a-f-]{36}", useSeed=true, errState=<nil>, errGen=<nil>, statusKeyIDHash="sha256:[0-9a-f]{64}", encryptKeyIDHash="sha256:[0-9a-f]{64}", stateKeyIDHash="sha256:[0-9a-f]{64}", expirationTimestamp=\d{4}-/,
          ),
      );
      expect(decodeEncryptedObject(await t.transformToStorage(value, ctx)).keyID).to.equal('k1');
    });
  });
});
