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
  /** ValidateEncryptCapability: writes with this seed stop after this time (ms) unless a good probe moves it. */
  expiresAt: number;
}

/** kmsv2PluginWriteDEKSourceMaxTTL: how long writes coast on the last seed while the plugin fails its probes. */
export const kmsv2WriteDEKSourceMaxTTLMs = 3 * 60_000;

export interface KMSv2EnvelopeOptions {
  /** kmsv2PluginWriteDEKSourceMaxTTL (3 minutes); tests shorten it. */
  writeDEKSourceMaxTTLMs?: number;
  now?: () => number;
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

  private readonly writeDEKSourceMaxTTLMs: number;
  private readonly now: () => number;

  constructor(
    readonly providerName: string,
    private readonly service: KMSService,
    opts: KMSv2EnvelopeOptions = {},
  ) {
    this.writeDEKSourceMaxTTLMs = opts.writeDEKSourceMaxTTLMs ?? kmsv2WriteDEKSourceMaxTTLMs;
    this.now = opts.now ?? Date.now;
  }

  /** How long a seed stays writable without a good probe: the probe loop must run well within it. */
  get writeTTLMs(): number {
    return this.writeDEKSourceMaxTTLMs;
  }

  async transformToStorage(data: Buffer, dataCtx: string): Promise<Buffer> {
    const state = this.state ?? (await this.probe());
    this.validateEncryptCapability(state);
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
    const stale = this.state !== undefined && (o.keyID !== this.state.keyID || o.encryptedDEKSourceType !== EncryptedDEKSourceType.HKDF_SHA256_XNONCE_AES_GCM_SEED);
    return { data: out.data, stale };
  }

  /**
   * kmsv2PluginProbe.check: Status must say healthz "ok", version "v2" (never changing) and a
   * key ID; a new key ID rotates the seed, so later writes are sealed under the plugin's new key.
   * Each good probe keeps the seed writable for another writeDEKSourceMaxTTL; while probes fail,
   * writes coast on the last seed until then and fail after (reads go on: kube's "attempts to coast").
   */
  probe(): Promise<WriteState> {
    this.pending ??= (async () => {
      // The expiry counts from before the network calls, so it bounds how long a failing plugin is trusted.
      const expiresAt = this.now() + this.writeDEKSourceMaxTTLMs;
      try {
        const status = await this.service.status().catch((err: Error) => {
          throw new Error(`failed to perform status section of the healthz check for KMS Provider ${this.providerName}, error: ${err.message}`);
        });
        const errs: string[] = [];
        if (status.healthz !== 'ok') errs.push(`got unexpected healthz status: ${status.healthz}`);
        if (status.version !== 'v2') errs.push(`expected KMSv2 API version v2, got ${status.version}`);
        else if (this.version !== undefined && this.version !== status.version)
          errs.push(`KMSv2 API version should not change after the initial status response version ${this.version}, got ${status.version}`);
        if (!status.keyID) errs.push('got invalid KMSv2 KeyID hash "": keyID is empty');
        if (errs.length > 0) throw new Error(`kmsv2 Provider ${this.providerName} is not healthy, error: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}`);
        this.version = status.version;
        this.state = await this.rotateDEKOnKeyIDChange(status.keyID, expiresAt);
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

  /**
   * rotateDEKOnKeyIDChange: the same key ID only moves the expiry; a new one makes a new seed,
   * which must come back from Encrypt under the key ID Status named. On any failure the current
   * seed stays (until its expiry) and the probe fails with kube's summary of what went wrong.
   */
  private async rotateDEKOnKeyIDChange(statusKeyID: string, expiresAt: number): Promise<WriteState> {
    const current = this.state;
    if (current && current.keyID === statusKeyID) return { ...current, expiresAt };
    const uid = randomUUID();
    const seed = randomBytes(extendedNonceSeedSize);
    let errGen = '<nil>';
    let encryptKeyID = '';
    try {
      const resp = await this.service.encrypt(uid, seed);
      encryptKeyID = resp.keyID;
      if (resp.keyID === statusKeyID) {
        return { transformer: newHKDFExtendedNonceGCMTransformer(seed), keyID: resp.keyID, encryptedDEKSource: resp.ciphertext, annotations: resp.annotations, expiresAt };
      }
    } catch (err) {
      errGen = (err as Error).message;
    }
    throw new Error(
      `failed to rotate DEK uid="${uid}", useSeed=true, errState=${current ? '<nil>' : 'got unexpected nil transformer'}, errGen=${errGen}, ` +
        `statusKeyIDHash="${keyIDHash(statusKeyID)}", encryptKeyIDHash="${keyIDHash(encryptKeyID)}", stateKeyIDHash="${keyIDHash(current?.keyID ?? '')}", ` +
        `expirationTimestamp=${rfc3339(current?.expiresAt ?? 0)}`,
    );
  }

  /** State.ValidateEncryptCapability: a seed past its expiry seals nothing more. */
  private validateEncryptCapability(state: WriteState): void {
    const now = this.now();
    if (now > state.expiresAt) {
      throw new Error(`encryptedDEKSource with keyID hash "${keyIDHash(state.keyID)}" expired at ${rfc3339(state.expiresAt)} (current time is ${rfc3339(now)})`);
    }
  }
}

/** What identifies one encrypted seed: its type, ciphertext, key ID and annotations. */
function readCacheKey(o: EncryptedObject): string {
  const h = createHash('sha256').update(String(o.encryptedDEKSourceType)).update('\0').update(o.encryptedDEKSource).update('\0').update(o.keyID);
  for (const k of Object.keys(o.annotations).sort()) h.update('\0').update(k).update('\0').update(o.annotations[k]);
  return h.digest('hex');
}

/** GetHashIfNotEmpty: how kube names a key ID in messages and logs, without revealing it. */
function keyIDHash(keyID: string): string {
  return keyID ? `sha256:${createHash('sha256').update(keyID).digest('hex')}` : '';
}

/** Go's time.Format(time.RFC3339) of a UTC time: no fractional seconds; the zero time for "never". */
function rfc3339(ms: number): string {
  return ms === 0 ? '0001-01-01T00:00:00Z' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
