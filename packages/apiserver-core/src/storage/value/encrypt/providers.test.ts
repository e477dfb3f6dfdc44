import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { newCBCTransformer, newGCMTransformer } from './aes';
import { encryptCheckTransformer } from './identity';
import { newSecretboxTransformer } from './secretbox';

/**
 * The on-disk layouts, checked against an independent reading of kube's format with node:crypto
 * (the integration test checks them against kube-apiserver's own Go code).
 */
describe('encryption providers', () => {
  const ctx = '/registry/secrets/default/s1';
  const value = Buffer.from('{"kind":"Secret","data":{"k":"dg=="}}');

  it('aesgcm writes nonce(12) ‖ ciphertext ‖ tag(16) with the storage key as additional data', async () => {
    const key = randomBytes(32);
    const stored = await newGCMTransformer(key).transformToStorage(value, ctx);
    expect(stored.length).to.equal(12 + value.length + 16);
    const d = createDecipheriv('aes-256-gcm', key, stored.subarray(0, 12));
    d.setAAD(Buffer.from(ctx));
    d.setAuthTag(stored.subarray(stored.length - 16));
    expect(Buffer.concat([d.update(stored.subarray(12, stored.length - 16)), d.final()])).to.deep.equal(value);
  });

  it('aesgcm reads what an independent writer sealed, and refuses it under another key', async () => {
    const key = randomBytes(16);
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-128-gcm', key, nonce);
    c.setAAD(Buffer.from(ctx));
    const stored = Buffer.concat([nonce, c.update(value), c.final(), c.getAuthTag()]);
    const t = newGCMTransformer(key);
    expect((await t.transformFromStorage(stored, ctx)).data).to.deep.equal(value);
    await t.transformFromStorage(stored, '/registry/secrets/default/other').then(
      () => expect.fail('decrypted under another key'),
      (err: Error) => expect(err.message).to.equal('cipher: message authentication failed'),
    );
  });

  it('aescbc writes iv(16) ‖ AES-CBC with PKCS#7 padding, and reads an independent writer', async () => {
    const key = randomBytes(24);
    const t = newCBCTransformer(key);
    const stored = await t.transformToStorage(value, ctx);
    expect(stored.length).to.equal(16 + Math.ceil((value.length + 1) / 16) * 16);
    const d = createDecipheriv('aes-192-cbc', key, stored.subarray(0, 16));
    expect(Buffer.concat([d.update(stored.subarray(16)), d.final()])).to.deep.equal(value);
    const iv = randomBytes(16);
    const c = createCipheriv('aes-192-cbc', key, iv);
    expect((await t.transformFromStorage(Buffer.concat([iv, c.update(value), c.final()]), ctx)).data).to.deep.equal(value);
  });

  it('aescbc reports kube messages for short, misaligned and badly padded data', async () => {
    const t = newCBCTransformer(randomBytes(32));
    const msg = (data: Buffer) =>
      t.transformFromStorage(data, ctx).then(
        () => '',
        (err: Error) => err.message,
      );
    expect(await msg(Buffer.alloc(8))).to.equal('the stored data was shorter than the required size');
    expect(await msg(Buffer.alloc(16 + 5))).to.equal('the stored data is not a multiple of the block size');
    expect(await msg(Buffer.alloc(32))).to.match(/^invalid (PKCS7 data|padding on input)/);
  });

  it('secretbox round-trips nonce(24) ‖ box and fails on a tampered box', async () => {
    const t = newSecretboxTransformer(randomBytes(32));
    const stored = await t.transformToStorage(value, ctx);
    expect(stored.length).to.equal(24 + 16 + value.length);
    expect((await t.transformFromStorage(stored, ctx)).data).to.deep.equal(value);
    stored[30] ^= 1;
    await t.transformFromStorage(stored, ctx).then(
      () => expect.fail('opened a tampered box'),
      (err: Error) => expect(err.message).to.be.a('string'),
    );
  });

  it('identity refuses values that carry the k8s:enc: prefix', async () => {
    expect((await encryptCheckTransformer.transformFromStorage(value, ctx)).data).to.equal(value);
    await encryptCheckTransformer.transformFromStorage(Buffer.from('k8s:enc:aescbc:v1:k:xx'), ctx).then(
      () => expect.fail('read encrypted data'),
      (err: Error) => expect(err.message).to.equal('identity transformer tried to read encrypted data'),
    );
  });
});
