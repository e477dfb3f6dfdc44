import type { KObject } from '../runtime/object';

/** cache.Indexers: index functions of the watch cache, name → (object → index values), e.g. "f:spec.nodeName" for pods. */
export type Indexers = Record<string, (obj: KObject) => string[]>;

/** storage.IndexerFunc: a field whose exact-match selector lets the cacher wake only interested watchers (a trigger). */
export interface IndexerFunc {
  indexName: string;
  indexerFunc: (obj: KObject) => string;
}
