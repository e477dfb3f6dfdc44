import { createHmac, randomBytes } from 'node:crypto';
import type { Transformer } from '../transformer';
import { newGCMTransformer } from './aes';

/** Seed, info and derived key sizes of kube's extended-nonce AES-GCM (all 32 bytes). */
export const extendedNonceSeedSize = 32;
const infoSize = 32;

/**
 * aes.NewHKDFExtendedNonceGCMTransformer, the KMS v2 data transformer: every write draws 32
 * random bytes of info, derives its own AES-256 key as HKDF-SHA256-Expand(seed, info), and
 * stores info ‖ nonce ‖ ciphertext ‖ tag, so one seed serves far more writes than one GCM key may.
 */
export function newHKDFExtendedNonceGCMTransformer(seed: Buffer): Transformer {
  if (seed.length < extendedNonceSeedSize) throw new Error(`invalid seed length ${seed.length} used for key generation`);
  return {
    async transformFromStorage(data, dataCtx) {
      if (data.length < infoSize) throw new Error('the stored data was shorter than the required size');
      const info = data.subarray(0, infoSize);
      return newGCMTransformer(hkdfExpandSHA256(seed, info)).transformFromStorage(data.subarray(infoSize), dataCtx);
    },
    async transformToStorage(data, dataCtx) {
      const info = randomBytes(infoSize);
      return Buffer.concat([info, await newGCMTransformer(hkdfExpandSHA256(seed, info)).transformToStorage(data, dataCtx)]);
    },
  };
}

/** RFC 5869 Expand only (the seed is already uniformly random): 32 bytes are its first block, HMAC(seed, info ‖ 0x01). */
function hkdfExpandSHA256(seed: Buffer, info: Buffer): Buffer {
  return createHmac('sha256', seed)
    .update(info)
    .update(Buffer.from([1]))
    .digest();
}
