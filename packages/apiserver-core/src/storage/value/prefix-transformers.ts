import type { FromStorage, Transformer } from './transformer';

/** A transformer and the bytes that mark the values it wrote (empty for identity). */
export interface PrefixTransformer {
  prefix: Buffer;
  transformer: Transformer;
}

/**
 * value.NewPrefixTransformers: writes with the first transformer and prepends its prefix; reads
 * with the first whose prefix matches. A matching transformer that fails does not end the search:
 * during a rotation two aescbc providers share `k8s:enc:aescbc:v1:` and only one holds the key.
 */
export function newPrefixTransformers(noMatch: string, transformers: PrefixTransformer[]): Transformer {
  if (transformers.length === 0) throw new Error('at least one prefix transformer is required');
  return {
    async transformFromStorage(data: Buffer, dataCtx: string): Promise<FromStorage> {
      const errors: string[] = [];
      for (const [i, t] of transformers.entries()) {
        if (!hasPrefix(data, t.prefix)) continue;
        try {
          const out = await t.transformer.transformFromStorage(data.subarray(t.prefix.length), dataCtx);
          return { data: out.data, stale: out.stale || i !== 0 };
        } catch (err) {
          // identity refusing encrypted data is not an error of the value: the next provider may read it.
          if (t.prefix.length > 0) errors.push(err instanceof Error ? err.message : String(err));
        }
      }
      throw new Error(errors.length === 0 ? noMatch : aggregate(errors));
    },
    async transformToStorage(data: Buffer, dataCtx: string): Promise<Buffer> {
      const first = transformers[0];
      const out = await first.transformer.transformToStorage(data, dataCtx);
      return Buffer.concat([first.prefix, out]);
    },
  };
}

function hasPrefix(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.subarray(0, prefix.length).equals(prefix);
}

/** utilerrors.NewAggregate's rendering: one message alone, several as `[a, b]`. */
function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}
