import type { KObject } from '../runtime/object';
import type { SelectionPredicate } from './selection-predicate';
import type { Watch } from './watch';

/**
 * storage.Interface of k8s.io/apiserver/pkg/storage: keys, objects, revisions and watch.
 * It knows nothing of REST; every backend (memory, embedded, etcd3) and the Cacher implement it.
 */
export interface Interface {
  versioner(): Versioner;
  /** Stores obj at key if absent; resolves to the stored object with its resourceVersion. Throws KeyExists. */
  create(key: string, obj: KObject, ttlSeconds?: number): Promise<KObject>;
  /** Deletes key when preconditions and validateDeletion pass; resolves to the deleted object. Throws KeyNotFound. */
  delete(key: string, opts?: DeleteOptions): Promise<KObject>;
  /** Streams changes under key (a single object or, with recursive, a prefix) from opts.resourceVersion. */
  watch(key: string, opts: ListOptions): Promise<Watch>;
  /** Reads one object; throws KeyNotFound unless ignoreNotFound, which resolves to undefined. */
  get(key: string, opts: GetOptions): Promise<KObject | undefined>;
  /** Lists under the key prefix with resourceVersion semantics, selectors and limit/continue. */
  getList(key: string, opts: ListOptions): Promise<ListResult>;
  /**
   * getList's answer as each item's stored JSON, undecoded, when the backend holds it so (the watch
   * cache); undefined when it would have to read elsewhere or an item lacks apiVersion/kind (call getList).
   */
  getListRawJSON?(key: string, opts: ListOptions): Promise<RawListResult | undefined>;
  /** Reads, lets tryUpdate compute the new object, and writes with a compare on the read revision, retrying on conflict. */
  guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions): Promise<KObject>;
  /** The number of objects under the prefix. */
  count(key: string): Promise<number>;
  /** Resolves when the backend can serve; rejects with the reason otherwise. */
  readinessCheck(): Promise<void>;
  /** The backend's current revision (used for consistent reads from the cache). */
  getCurrentResourceVersion(): Promise<number>;
  /** Asks for a progress notification on open watches (a bookmark carrying the current revision). */
  requestWatchProgress?(): Promise<void>;
  /** Releases connections, timers and watches. Called exactly once at shutdown. */
  destroy?(): Promise<void>;
}

/** Versioner (storage.APIObjectVersioner): resourceVersion string ⇄ revision number. */
export interface Versioner {
  objectResourceVersion(obj: KObject): number;
  updateObject(obj: KObject, resourceVersion: number): void;
  /** Parses a client-given resourceVersion; "" → 0; garbage → a BadRequest StatusError. */
  parseResourceVersion(rv: string | undefined): number;
}

export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

export interface GetOptions {
  ignoreNotFound?: boolean;
  resourceVersion?: string;
}

export type ResourceVersionMatch = '' | 'NotOlderThan' | 'Exact';

export interface ListOptions {
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  predicate: SelectionPredicate;
  /** true for a prefix (collection), false for one object key. */
  recursive?: boolean;
  progressNotify?: boolean;
  /** WatchList (KEP-3157): replay current state as ADDED events, then a bookmark marking their end. */
  sendInitialEvents?: boolean;
}

export interface ListResult {
  items: KObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface ResponseMeta {
  /** Seconds left of the object's TTL, when it has one. */
  ttl?: number;
  resourceVersion: number;
}

/** tryUpdate returns the desired object (and TTL); throwing aborts the update with that error. */
export type UpdateFunc = (existing: KObject, meta: ResponseMeta) => Promise<{ obj: KObject; ttlSeconds?: number }>;

export interface GuaranteedUpdateOptions {
  ignoreNotFound?: boolean;
  preconditions?: Preconditions;
  tryUpdate: UpdateFunc;
  /** A possibly stale copy (from the cache) to try first, saving a read. */
  cachedExistingObject?: KObject;
}

export interface DeleteOptions {
  preconditions?: Preconditions;
  /** Last check on the current object inside the delete loop (e.g. finalizers or graceful deletion). */
  validateDeletion?: (current: KObject) => Promise<void>;
  cachedExistingObject?: KObject;
}

/** storage.Config: what the storage factory needs to build a backend for one resource. */
export interface Config {
  /** "memory" | "embedded" | "etcd3" … — the backend chosen with --storage-backend. */
  type: string;
  /** Key prefix of all resources (--etcd-prefix, default /registry). */
  prefix: string;
  /** Backend-specific settings (servers, TLS files, data dir, compaction interval …). */
  [setting: string]: unknown;
}

/** A list as its items' serialized JSON (see Interface.getListRawJSON). */
export interface RawListResult {
  items: string[];
  resourceVersion: string;
}
