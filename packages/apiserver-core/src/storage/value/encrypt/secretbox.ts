import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import type { Transformer } from '../transformer';

const nonceSize = nacl.secretbox.nonceLength;

/** secretbox.NewSecretboxTransformer: nonce(24) ‖ XSalsa20-Poly1305 box, NaCl's layout as Go writes it. */
export function newSecretboxTransformer(key: Buffer): Transformer {
  if (key.length !== nacl.secretbox.keyLength) throw new Error(`expected key size 32 for secretbox provider, got ${key.length}`);
  const k = new Uint8Array(key);
  return {
    async transformFromStorage(data) {
      if (data.length < nacl.secretbox.overheadLength + nonceSize) throw new Error('the stored data was shorter than the required size');
      const opened = nacl.secretbox.open(new Uint8Array(data.subarray(nonceSize)), new Uint8Array(data.subarray(0, nonceSize)), k);
      // kube's message for a box that does not open, kept so logs read the same.
      if (!opened) throw new Error('output array was not large enough for encryption');
      return { data: Buffer.from(opened), stale: false };
    },
    async transformToStorage(data) {
      const nonce = randomBytes(nonceSize);
      return Buffer.concat([nonce, Buffer.from(nacl.secretbox(new Uint8Array(data), new Uint8Array(nonce), k))]);
    },
  };
}
