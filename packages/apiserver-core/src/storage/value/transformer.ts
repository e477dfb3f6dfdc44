/**
 * value.Transformer of k8s.io/apiserver/pkg/storage/value: applied to every value read from and
 * written to a backend. Identity today; encryption at rest plugs in here.
 */
export interface Transformer {
  transformFromStorage(data: Buffer, key: string): Promise<Buffer>;
  transformToStorage(data: Buffer, key: string): Promise<Buffer>;
}

export const identityTransformer: Transformer = {
  transformFromStorage: async (data) => data,
  transformToStorage: async (data) => data,
};
