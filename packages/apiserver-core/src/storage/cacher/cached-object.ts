import type { Fields } from '../../fields/selector';
import type { Labels } from '../../labels/selector';
import type { KObject } from '../../runtime/object';
import type { IndexerFunc, Indexers } from '../indexers';
import type { AttrFunc, SelectionPredicate } from '../selection-predicate';
import { predicateEmpty } from '../selection-predicate';

/** Index functions of the watch cache: name → (object → values), e.g. "f:spec.nodeName" for pods. */
export type CacheIndexers = Record<string, (obj: KObject) => string[]>;

/** A trigger function: the field whose exact-match selector routes events to interested watchers only. */
export interface TriggerFunc {
  indexName: string;
  indexerFunc: (obj: KObject) => string;
}

/** What the cache needs to turn a decoded object into a CachedObject. */
export interface ObjectCodec {
  getAttrs: AttrFunc;
  trigger?: IndexerFunc;
  indexers?: Indexers;
}

/**
 * One object as the watch cache holds it: its JSON (with resourceVersion) and the few values the
 * cache reads without decoding — selector attributes, trigger value, index values. The decoded
 * object is not kept: the JSON string is about the object's wire size, while a decoded object
 * takes several times that on the heap, and every reader needs its own copy anyway (the registry
 * and handlers mutate what they get), which JSON.parse makes as fast as any deep copy.
 */
export class CachedObject {
  constructor(
    readonly key: string,
    readonly resourceVersion: number,
    readonly json: string,
    readonly labels: Labels,
    readonly fields: Fields,
    readonly triggerValue: string | undefined,
    readonly indexValues: Record<string, string[]> | undefined,
    /** Whether the JSON carries apiVersion and kind, so a response can send it as is. */
    readonly typed = true,
  ) {}

  /** A fresh, mutable copy of the object. */
  decode(): KObject {
    return JSON.parse(this.json) as KObject;
  }

  /** The object as it was last seen, stamped with another revision (DELETED events carry the deletion's). */
  decodeAt(resourceVersion: number): KObject {
    const obj = this.decode();
    (obj.metadata ??= {}).resourceVersion = String(resourceVersion);
    return obj;
  }

  matches(pred: SelectionPredicate): boolean {
    if (predicateEmpty(pred)) return true;
    return pred.label.matches(this.labels) && pred.field.matches(this.fields);
  }
}

export function newCachedObject(key: string, obj: KObject, resourceVersion: number, codec: ObjectCodec): CachedObject {
  const attrs = codec.getAttrs(obj);
  const labels = attrs.labels && Object.keys(attrs.labels).length > 0 ? { ...attrs.labels } : undefined;
  let indexValues: Record<string, string[]> | undefined;
  if (codec.indexers) {
    indexValues = {};
    for (const [name, fn] of Object.entries(codec.indexers)) indexValues[name] = fn(obj);
  }
  const trigger = codec.trigger?.indexerFunc(obj);
  return new CachedObject(key, resourceVersion, JSON.stringify(obj), labels, { ...attrs.fields }, trigger, indexValues, Boolean(obj.apiVersion && obj.kind));
}

/** The field an index or trigger serves: kube-apiserver names field indexes "f:<field>". */
export function indexedField(indexName: string): string {
  return indexName.startsWith('f:') ? indexName.slice(2) : indexName;
}
