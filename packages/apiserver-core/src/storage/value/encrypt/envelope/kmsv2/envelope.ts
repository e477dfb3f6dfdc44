import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Transformer } from '../../../transformer';
import { newGCMTransformer } from '../../aes';
import { extendedNonceSeedSize, newHKDFExtendedNonceGCMTransformer } from '../../aes-extended-nonce';
import { decodeEncryptedObject, encodeEncryptedObject, EncryptedDEKSourceType, type EncryptedObject } from './encrypted-object';
import type { KMSService } from './kms-service';

/** The write state: one seed, encrypted once by the plugin, used for every write until the plugin's key changes. */
interface WriteState {
  transformer: Transformer;
  keyID: string;
  encryptedDEKSource: Buffer;
  annotations: Record<string, Buffer>;
}

/**
 * kmsv2.envelopeTransformer with KMSv2KDF (kube's default since 1.29): a 32-byte seed is
 * generated and sent to the plugin's Encrypt once; each value is sealed with a key derived from
 * that seed and stored in an EncryptedObject with the encrypted seed and the plugin's key ID.
 * Reads ask the plugin's Decrypt once per encrypted seed and cache the result. A value sealed
 * under a key ID other than the current one is stale, so a rewrite moves it to the new key.
 */
export class KMSv2EnvelopeTransformer implements Transformer {
  private state?: WriteState;
  private pending?: Promise<WriteState>;
  private readonly readCache = new Map<string, Transformer>();
  private version?: string;

  constructor(
    readonly providerName: string,
    private readonly service: KMSService,
  ) {}

  async transformToStorage(data: Buffer, dataCtx: string): Promise<Buffer> {
    const state = this.state ?? (await this.probe());
    const encryptedData = await state.transformer.transformToStorage(data, dataCtx);
    return encodeEncryptedObject({
      encryptedData,
      keyID: state.keyID,
      encryptedDEKSource: state.encryptedDEKSource,
      annotations: state.annotations,
      encryptedDEKSourceType: EncryptedDEKSourceType.HKDF_SHA256_XNONCE_AES_GCM_SEED,
    });
  }

  async transformFromStorage(data: Buffer, dataCtx: string): Promise<{ data: Buffer; stale: boolean }> {
    const o = decodeEncryptedObject(data);
    const cacheKey = readCacheKey(o);
    let transformer = this.readCache.get(cacheKey);
    if (!transformer) {
      const key = await this.service.decrypt(randomUUID(), { ciphertext: o.encryptedDEKSource, keyID: o.keyID, annotations: o.annotations });
      transformer = o.encryptedDEKSourceType === EncryptedDEKSourceType.HKDF_SHA256_XNONCE_AES_GCM_SEED ? newHKDFExtendedNonceGCMTransformer(key) : newGCMTransformer(key);
      this.readCache.set(cacheKey, transformer);
    }
    const out = await transformer.transformFromStorage(o.encryptedData, dataCtx);
    const stale = this.state !== undefined
      && (o.keyID !== this.state.keyID || o.encryptedDEKSourceType !== EncryptedDEKSourceType.HKDF_SHA256_XNONCE_AES_GCM_SEED);
    return { data: out.data, stale };
  }

  /**
   * kmsv2PluginProbe.check: Status must say healthz "ok", version "v2" (never changing) and a
   * key ID; a new key ID rotates the seed, so later writes are sealed under the plugin's new key.
   */
  probe(): Promise<WriteState> {
    this.pending ??= (async () => {
      try {
        const status = await this.service.status().catch((err: Error) => {
          throw new Error(`failed to perform status section of the healthz check for KMS Provider ${this.providerName}, error: ${err.message}`);
        });
        const errs: string[] = [];
        if (status.healthz !== 'ok') errs.push(`got unexpected healthz status: ${status.healthz}`);
        if (status.version !== 'v2') errs.push(`expected KMSv2 API version v2, got ${status.version}`);
        else if (this.version !== undefined && this.version !== status.version) errs.push(`KMSv2 API version should not change after the initial status response version ${this.version}, got ${status.version}`);
        if (!status.keyID) errs.push('got invalid KMSv2 KeyID hash "": keyID is empty');
        if (errs.length > 0) throw new Error(`kmsv2 Provider ${this.providerName} is not healthy, error: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`);
        this.version = status.version;
        if (!this.state || this.state.keyID !== status.keyID) this.state = await this.newWriteState();
        return this.state;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }

  close(): void {
    this.service.close();
  }

  private async newWriteState(): Promise<WriteState> {
    const seed = randomBytes(extendedNonceSeedSize);
    const resp = await this.service.encrypt(randomUUID(), seed);
    return { transformer: newHKDFExtendedNonceGCMTransformer(seed), keyID: resp.keyID, encryptedDEKSource: resp.ciphertext, annotations: resp.annotations };
  }
}

/** What identifies one encrypted seed: its type, ciphertext, key ID and annotations. */
function readCacheKey(o: EncryptedObject): string {
  const h = createHash('sha256').update(String(o.encryptedDEKSourceType)).update('\0').update(o.encryptedDEKSource).update('\0').update(o.keyID);
  for (const k of Object.keys(o.annotations).sort()) h.update('\0').update(k).update('\0').update(o.annotations[k]);
  return h.digest('hex');
}
