import { randomBytes } from 'node:crypto';
import type { FromStorage, Transformer } from '../../../transformer';
import { newCBCTransformer, newGCMTransformer } from '../../aes';
import type { KMSv1Service } from './kms-service';

/** The DEK size kube's v1 envelope generates for each write (AES-256). */
const dekSize = 32;

/** kmsPluginHealthzPositiveTTL / NegativeTTL: how long a probe's answer is reused. */
const probePositiveTTLMs = 20_000;
const probeNegativeTTLMs = 3_000;

/**
 * envelope.envelopeTransformer (KMS v1, deprecated in kube since 1.28): every write makes a new
 * 32-byte DEK, has the plugin Encrypt it, and stores
 *   uint16 big-endian length of the encrypted DEK ‖ encrypted DEK ‖ AES-GCM(DEK) of the value
 * after the `k8s:enc:kms:v1:<name>:` prefix. Reads take the DEK from an LRU cache keyed by the
 * encrypted DEK, or ask the plugin's Decrypt; the value is opened with AES-GCM and, for values
 * kube wrote before 1.25, AES-CBC (kube's unionTransformers: a CBC read is stale).
 */
export class KMSv1EnvelopeTransformer implements Transformer {
  /** Decrypted DEKs by base64 of their encrypted form, oldest first (a Map keeps insertion order). */
  private readonly cache = new Map<string, Transformer[]>();
  private lastProbe?: { at: number; ttl: number; err?: Error };
  private probing?: Promise<void>;

  /** cacheSize as configured (default 1000); zero or negative: no cache, every read asks the plugin. */
  constructor(
    readonly providerName: string,
    private readonly service: KMSv1Service,
    private readonly cacheSize = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async transformToStorage(data: Buffer, dataCtx: string): Promise<Buffer> {
    const dek = randomBytes(dekSize);
    const encKey = await this.service.encrypt(dek);
    if (encKey.length > 0xffff) throw new Error('cryptobyte: pending child length 65536 exceeds 2-byte length prefix');
    const [gcm] = this.addTransformers(encKey, dek);
    const sealed = await gcm.transformToStorage(data, dataCtx);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(encKey.length);
    return Buffer.concat([length, encKey, sealed]);
  }

  async transformFromStorage(data: Buffer, dataCtx: string): Promise<FromStorage> {
    if (data.length < 2 || data.length < 2 + data.readUInt16BE(0)) {
      throw new Error('invalid data encountered by envelope transformer: failed to read uint16 length prefixed data');
    }
    const encKey = data.subarray(2, 2 + data.readUInt16BE(0));
    const sealed = data.subarray(2 + encKey.length);
    const transformers = this.cached(encKey) ?? this.addTransformers(encKey, await this.service.decrypt(encKey));
    return unionFromStorage(transformers, sealed, dataCtx);
  }

  /**
   * kmsPluginProbe.check: Encrypt "ping" and Decrypt the answer; the result is reused for 20s
   * when healthy and 3s when not, so health checks do not flood the plugin.
   */
  probe(): Promise<void> {
    const last = this.lastProbe;
    if (last && this.now() - last.at < last.ttl) return last.err ? Promise.reject(last.err) : Promise.resolve();
    this.probing ??= (async () => {
      try {
        const cipher = await this.service.encrypt(Buffer.from('ping')).catch((err: Error) => {
          throw new Error(`failed to perform encrypt section of the healthz check for KMS Provider ${this.providerName}, error: ${err.message}`);
        });
        await this.service.decrypt(cipher).catch((err: Error) => {
          throw new Error(`failed to perform decrypt section of the healthz check for KMS Provider ${this.providerName}, error: ${err.message}`);
        });
        this.lastProbe = { at: this.now(), ttl: probePositiveTTLMs };
      } catch (err) {
        this.lastProbe = { at: this.now(), ttl: probeNegativeTTLMs, err: err as Error };
        throw err;
      } finally {
        this.probing = undefined;
      }
    })();
    return this.probing;
  }

  close(): void {
    this.service.close();
  }

  private cached(encKey: Buffer): Transformer[] | undefined {
    const k = encKey.toString('base64');
    const hit = this.cache.get(k);
    if (hit) {
      // Touch: an LRU keeps what is read often.
      this.cache.delete(k);
      this.cache.set(k, hit);
    }
    return hit;
  }

  /** addTransformer: GCM writes, GCM then CBC read; cached under the encrypted DEK when the cache is on. */
  private addTransformers(encKey: Buffer, dek: Buffer): Transformer[] {
    const transformers = [newGCMTransformer(dek), newCBCTransformer(dek)];
    if (this.cacheSize > 0) {
      this.cache.set(encKey.toString('base64'), transformers);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return transformers;
  }
}

/** unionTransformers.TransformFromStorage: the first that reads wins; any but the first makes the value stale. */
async function unionFromStorage(transformers: Transformer[], data: Buffer, dataCtx: string): Promise<FromStorage> {
  const errs: string[] = [];
  for (const [i, t] of transformers.entries()) {
    try {
      const out = await t.transformFromStorage(data, dataCtx);
      return { data: out.data, stale: out.stale || i !== 0 };
    } catch (err) {
      errs.push((err as Error).message);
    }
  }
  throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
}
