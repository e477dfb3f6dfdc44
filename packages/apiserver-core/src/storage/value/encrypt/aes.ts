import { createCipheriv, createDecipheriv, randomBytes, type CipherGCMTypes } from 'node:crypto';
import type { Transformer } from '../transformer';

const gcmNonceSize = 12;
const gcmTagSize = 16;
const blockSize = 16;

function aesAlgorithm(key: Buffer, mode: 'gcm' | 'cbc'): string {
  if (![16, 24, 32].includes(key.length)) throw new Error(`crypto/aes: invalid key size ${key.length}`);
  return `aes-${key.length * 8}-${mode}`;
}

/**
 * aes.NewGCMTransformer: nonce(12) ‖ ciphertext ‖ tag(16), the storage key as additional data —
 * Go's AEAD Seal layout, so kube-apiserver reads these values and kapi reads kube's.
 */
export function newGCMTransformer(key: Buffer): Transformer {
  const algorithm = aesAlgorithm(key, 'gcm') as CipherGCMTypes;
  return {
    async transformFromStorage(data, dataCtx) {
      if (data.length < gcmNonceSize) throw new Error('the stored data was shorter than the required size');
      const body = data.subarray(gcmNonceSize);
      if (body.length < gcmTagSize) throw new Error('cipher: message authentication failed');
      const decipher = createDecipheriv(algorithm, key, data.subarray(0, gcmNonceSize), { authTagLength: gcmTagSize });
      decipher.setAAD(Buffer.from(dataCtx));
      decipher.setAuthTag(body.subarray(body.length - gcmTagSize));
      try {
        return { data: Buffer.concat([decipher.update(body.subarray(0, body.length - gcmTagSize)), decipher.final()]), stale: false };
      } catch {
        throw new Error('cipher: message authentication failed');
      }
    },
    async transformToStorage(data, dataCtx) {
      const nonce = randomBytes(gcmNonceSize);
      const cipher = createCipheriv(algorithm, key, nonce, { authTagLength: gcmTagSize });
      cipher.setAAD(Buffer.from(dataCtx));
      return Buffer.concat([nonce, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
    },
  };
}

/** aes.NewCBCTransformer: iv(16) ‖ AES-CBC with PKCS#7 padding; no authentication, as in kube. */
export function newCBCTransformer(key: Buffer): Transformer {
  const algorithm = aesAlgorithm(key, 'cbc');
  return {
    async transformFromStorage(data) {
      if (data.length < blockSize) throw new Error('the stored data was shorter than the required size');
      const body = data.subarray(blockSize);
      if (body.length % blockSize !== 0) throw new Error('the stored data is not a multiple of the block size');
      const decipher = createDecipheriv(algorithm, key, data.subarray(0, blockSize));
      // Padding is checked here, with kube's messages, rather than by OpenSSL.
      decipher.setAutoPadding(false);
      const padded = Buffer.concat([decipher.update(body), decipher.final()]);
      return { data: unpad(padded), stale: false };
    },
    async transformToStorage(data) {
      const iv = randomBytes(blockSize);
      const cipher = createCipheriv(algorithm, key, iv);
      return Buffer.concat([iv, cipher.update(data), cipher.final()]);
    },
  };
}

function unpad(padded: Buffer): Buffer {
  const n = padded.length === 0 ? 0 : padded[padded.length - 1];
  if (n === 0 || n > padded.length) throw new Error('invalid PKCS7 data (empty or not padded)');
  for (let i = padded.length - n; i < padded.length; i++) {
    if (padded[i] !== n) throw new Error('invalid padding on input');
  }
  return padded.subarray(0, padded.length - n);
}
