/**
 * value.Transformer of k8s.io/apiserver/pkg/storage/value: applied to every value read from and
 * written to a backend. The data context is the full storage key (/registry/secrets/ns/name):
 * AEAD providers bind the ciphertext to it, so a value copied under another key does not decrypt.
 */
export interface Transformer {
  /**
   * Reverses transformToStorage. `stale` is true when the value was not written by the preferred
   * (first) provider: an update must then rewrite it even if the object did not change, which is
   * how `kubectl replace` re-encrypts every Secret after a key rotation.
   */
  transformFromStorage(data: Buffer, dataCtx: string): Promise<FromStorage>;
  transformToStorage(data: Buffer, dataCtx: string): Promise<Buffer>;
}

export interface FromStorage {
  data: Buffer;
  stale: boolean;
}

export const identityTransformer: Transformer = {
  transformFromStorage: async (data) => ({ data, stale: false }),
  transformToStorage: async (data) => data,
};
