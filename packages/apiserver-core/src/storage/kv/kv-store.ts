import { newResourceExpired, StatusError } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import { ContinueExpiredError, decodeContinue, encodeContinue } from '../continue-token';
import { isStorageError, storageErrors } from '../errors';
import type { DeleteOptions, GetOptions, GuaranteedUpdateOptions, Interface, ListOptions, ListResult, Versioner } from '../interfaces';
import { predicateEmpty, predicateMatches } from '../selection-predicate';
import { identityTransformer, type Transformer } from '../value/transformer';
import { apiObjectVersioner } from '../versioner';
import type { Watch } from '../watch';
import { isKVError, type KV, type KeyValue } from './interfaces';
import { KVWatcher } from './kv-watcher';
import { checkPreconditions } from '../preconditions';

export interface KVStoreOptions {
  /** --etcd-prefix: prepended to every key the registry gives (default /registry). */
  pathPrefix: string;
  transformer?: Transformer;
  /** Makes an empty object of the stored kind, for bookmark events. */
  newFunc?: () => KObject;
}

/** A decoded key: the object and the revisions it was read at. */
interface ObjState {
  obj: KObject;
  data: Buffer;
  modRevision: number;
  /** Read through a provider other than the first: an update rewrites it even when unchanged. */
  stale?: boolean;
}

/**
 * storage.Interface over any etcd-like KV (etcd3/store.go's logic, once for every backend):
 * JSON encoding, value transformers, preconditions, optimistic update loops, paging and watch.
 */
export class KVStore implements Interface {
  private readonly transformer: Transformer;

  constructor(
    private readonly kv: KV,
    private readonly opts: KVStoreOptions,
  ) {
    this.transformer = opts.transformer ?? identityTransformer;
  }

  versioner(): Versioner {
    return apiObjectVersioner;
  }

  private fullKey(key: string): string {
    const prefix = this.opts.pathPrefix.replace(/\/+$/, '');
    return key.startsWith('/') ? prefix + key : `${prefix}/${key}`;
  }

  async create(key: string, obj: KObject, ttlSeconds?: number): Promise<KObject> {
    if (apiObjectVersioner.objectResourceVersion(obj) !== 0) {
      throw storageErrors.invalidObj(key, 'resourceVersion should not be set on objects to be created');
    }
    const full = this.fullKey(key);
    const data = encode(obj);
    const stored = await this.transformer.transformToStorage(data, full);
    const res = await this.kvCall(() => this.kv.create(full, stored, ttlSeconds), key);
    if (!res.succeeded) throw storageErrors.keyExists(key, res.kv?.modRevision ?? 0);
    return this.stamp(data, res.kv!);
  }

  async get(key: string, opts: GetOptions): Promise<KObject | undefined> {
    const minRev = apiObjectVersioner.parseResourceVersion(opts.resourceVersion);
    const res = await this.kvCall(() => this.kv.get(this.fullKey(key)), key);
    if (minRev > res.revision) throw storageErrors.tooLargeResourceVersion(minRev, res.revision);
    if (!res.kv) {
      if (opts.ignoreNotFound) return undefined;
      throw storageErrors.keyNotFound(key);
    }
    return (await this.decodeKV(res.kv, key)).obj;
  }

  async getList(key: string, opts: ListOptions): Promise<ListResult> {
    try {
      return await this.list(key, opts);
    } catch (err) {
      const cont = opts.predicate.continue;
      if (!cont || !(err instanceof StatusError && err.code === 410)) throw err;
      // etcd3's handleCompactedErrorForPaging: the 410 carries a token that goes on from the same key at the newest revision.
      const prefix = this.listPrefix(key, opts.recursive ?? true);
      const { startKey } = decodeContinue(cont, prefix);
      const current = await this.kvCall(() => this.kv.currentRevision(), key).catch(() => 0);
      throw new ContinueExpiredError(current > 0 ? encodeContinue(startKey, prefix, current) : undefined);
    }
  }

  private async list(key: string, opts: ListOptions): Promise<ListResult> {
    const prefix = this.listPrefix(key, opts.recursive ?? true);
    const pred = opts.predicate;
    const { revision: readRev, startKey } = await this.listStart(prefix, opts);
    const limit = pred.limit && pred.limit > 0 ? pred.limit : 0;
    const items: KObject[] = [];
    let revision = readRev;
    let next = startKey;
    let lastKey = '';
    let more = false;
    let remaining = 0;
    for (;;) {
      const page = await this.kvCall(() => this.kv.range(prefix, { revision, limit: limit ? Math.max(limit - items.length, 1) : 0, startKey: next }), key);
      if (!revision) revision = page.revision;
      for (const kv of page.kvs) {
        lastKey = kv.key;
        const { obj } = await this.decodeKV(kv, key);
        if (predicateMatches(pred, obj)) items.push(obj);
      }
      more = page.more;
      remaining = page.count - page.kvs.length;
      if (!limit || !more || items.length >= limit) break;
      next = lastKey + '\x00';
    }
    const result: ListResult = { items, resourceVersion: String(revision) };
    if (limit && more) {
      result.continue = encodeContinue(lastKey + '\x00', prefix, revision);
      if (predicateEmpty(pred)) result.remainingItemCount = remaining;
    }
    return result;
  }

  /** Which revision and key a list reads from: a continue token, an Exact revision, or the newest. */
  private async listStart(prefix: string, opts: ListOptions): Promise<{ revision: number; startKey: string }> {
    const rv = apiObjectVersioner.parseResourceVersion(opts.resourceVersion);
    const cont = opts.predicate.continue;
    if (cont) {
      if (rv > 0) throw new StatusError(400, 'BadRequest', 'specifying resource version is not allowed when using continue');
      const { startKey, revision } = decodeContinue(cont, prefix);
      return { revision, startKey };
    }
    if (opts.resourceVersionMatch === 'Exact') {
      if (rv === 0) throw new StatusError(400, 'BadRequest', 'resourceVersionMatch "Exact" requires a resourceVersion other than "0"');
      return { revision: rv, startKey: prefix };
    }
    if (rv > 0) {
      const current = await this.kvCall(() => this.kv.currentRevision(), prefix);
      if (rv > current) throw storageErrors.tooLargeResourceVersion(rv, current);
    }
    return { revision: 0, startKey: prefix };
  }

  async guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions): Promise<KObject> {
    const full = this.fullKey(key);
    let state = opts.cachedExistingObject ? this.fromCached(opts.cachedExistingObject) : await this.readState(key);
    let fromCache = !!opts.cachedExistingObject;
    for (;;) {
      if (!state && !opts.ignoreNotFound) throw storageErrors.keyNotFound(key);
      let updated: { obj: KObject; ttlSeconds?: number };
      try {
        if (state) checkPreconditions(key, opts.preconditions, state.obj);
        const existing = state ? structuredClone(state.obj) : {};
        updated = await opts.tryUpdate(existing, { resourceVersion: state?.modRevision ?? 0 });
      } catch (err) {
        if (!fromCache) throw err;
        // The cached copy may be stale: retry once against the stored object.
        state = await this.readState(key);
        fromCache = false;
        continue;
      }
      const data = encode(updated.obj);
      if (state && !state.stale && data.equals(state.data) && updated.ttlSeconds === undefined) {
        if (!fromCache) return state.obj;
        state = await this.readState(key);
        fromCache = false;
        continue;
      }
      const stored = await this.transformer.transformToStorage(data, full);
      const res = state
        ? await this.kvCall(() => this.kv.update(full, stored, state!.modRevision, updated.ttlSeconds), key)
        : await this.kvCall(() => this.kv.create(full, stored, updated.ttlSeconds), key);
      if (res.succeeded) return this.stamp(data, res.kv!);
      state = res.kv ? await this.decodeKV(res.kv, key) : undefined;
      fromCache = false;
    }
  }

  async delete(key: string, opts: DeleteOptions = {}): Promise<KObject> {
    const full = this.fullKey(key);
    let state = opts.cachedExistingObject ? this.fromCached(opts.cachedExistingObject) : await this.readState(key);
    let fromCache = !!opts.cachedExistingObject;
    for (;;) {
      if (!state) throw storageErrors.keyNotFound(key);
      try {
        checkPreconditions(key, opts.preconditions, state.obj);
        await opts.validateDeletion?.(state.obj);
      } catch (err) {
        if (!fromCache) throw err;
        state = await this.readState(key);
        fromCache = false;
        continue;
      }
      const res = await this.kvCall(() => this.kv.delete(full, state!.modRevision), key);
      if (res.succeeded) return state.obj;
      state = res.kv ? await this.decodeKV(res.kv, key) : undefined;
      fromCache = false;
    }
  }

  async watch(key: string, opts: ListOptions): Promise<Watch> {
    const recursive = opts.recursive ?? false;
    const prefix = recursive ? this.listPrefix(key, true) : this.fullKey(key);
    const watcher = new KVWatcher(this.kv, {
      prefix,
      exactKey: recursive ? undefined : prefix,
      predicate: opts.predicate,
      decode: (kv) => this.decodeKV(kv, key).then((s) => s.obj),
      newFunc: this.opts.newFunc,
      sendInitialEvents: opts.sendInitialEvents,
    });
    const rv = apiObjectVersioner.parseResourceVersion(opts.resourceVersion);
    return watcher.start(rv);
  }

  async count(key: string): Promise<number> {
    return this.kvCall(() => this.kv.count(this.listPrefix(key, true)), key);
  }

  async readinessCheck(): Promise<void> {
    await this.kv.health();
  }

  async getCurrentResourceVersion(): Promise<number> {
    return this.kvCall(() => this.kv.currentRevision(), '');
  }

  async requestWatchProgress(): Promise<void> {
    await this.kv.requestProgress?.();
  }

  private listPrefix(key: string, recursive: boolean): string {
    const full = this.fullKey(key);
    return recursive && !full.endsWith('/') ? `${full}/` : full;
  }

  private async readState(key: string): Promise<ObjState | undefined> {
    const res = await this.kvCall(() => this.kv.get(this.fullKey(key)), key);
    return res.kv ? this.decodeKV(res.kv, key) : undefined;
  }

  private fromCached(obj: KObject): ObjState {
    const copy = structuredClone(obj);
    const modRevision = apiObjectVersioner.objectResourceVersion(copy);
    return { obj: copy, data: encode(copy), modRevision };
  }

  private async decodeKV(kv: KeyValue, key: string): Promise<ObjState> {
    let data: Buffer;
    let stale: boolean;
    try {
      ({ data, stale } = await this.transformer.transformFromStorage(kv.value, kv.key));
    } catch (err) {
      throw storageErrors.internal(key, err instanceof Error ? err.message : String(err));
    }
    let obj: KObject;
    try {
      obj = JSON.parse(data.toString('utf8')) as KObject;
    } catch {
      throw storageErrors.invalidObj(key, `unable to decode stored object at ${kv.key}`);
    }
    apiObjectVersioner.updateObject(obj, kv.modRevision);
    return { obj, data, modRevision: kv.modRevision, stale };
  }

  private stamp(data: Buffer, kv: KeyValue): KObject {
    const obj = JSON.parse(data.toString('utf8')) as KObject;
    apiObjectVersioner.updateObject(obj, kv.modRevision);
    return obj;
  }

  /** Maps KV failures to storage errors so the registry can answer the right Status. */
  private async kvCall<T>(fn: () => Promise<T>, key: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isStorageError(err) || err instanceof StatusError) throw err;
      if (isKVError(err, 'Compacted')) throw newResourceExpired(`The resourceVersion for the provided list is too old.`);
      if (isKVError(err, 'FutureRevision')) throw storageErrors.tooLargeResourceVersion(0, err.revision);
      // kube's etcd3 store returns etcd's error as is; responsewriters makes any such error a 500
      // with no reason and etcd's message — what kubectl shows as "Error from server: etcdserver: …".
      if (isKVError(err, 'NoSpace')) throw new StatusError(500, '', err.message);
      throw storageErrors.unreachable(key, err instanceof Error ? err.message : String(err));
    }
  }
}

/** The stored form: the object without its resourceVersion (the revision is the key's modRevision). */
function encode(obj: KObject): Buffer {
  const meta = obj.metadata;
  if (!meta || meta.resourceVersion === undefined) return Buffer.from(JSON.stringify(obj));
  const { resourceVersion: _rv, ...rest } = meta;
  return Buffer.from(JSON.stringify({ ...obj, metadata: rest }));
}
