import type { Transformer } from '../transformer';

/** Values written by any encrypting provider start with this; JSON starts with `{`. */
const encryptedPrefix = Buffer.from('k8s:enc:');

/**
 * identity.NewEncryptCheckTransformer: plain values as they are, but an encrypted value is an
 * error, so that identity listed first (to decrypt away from encryption) still lets the next
 * provider read what it wrote.
 */
export const encryptCheckTransformer: Transformer = {
  async transformFromStorage(data) {
    if (data.length >= encryptedPrefix.length && data.subarray(0, encryptedPrefix.length).equals(encryptedPrefix)) {
      throw new Error('identity transformer tried to read encrypted data');
    }
    return { data, stale: false };
  },
  transformToStorage: async (data) => data,
};
