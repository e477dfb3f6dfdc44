import type { KList, KObject } from './object';

/**
 * The serialized form an object was decoded from, kept beside it (as kube-apiserver's cacher keeps
 * an object's serializations): a response can send these bytes instead of encoding the object again.
 * The symbol is not enumerable and structuredClone drops it, so copies never carry stale bytes;
 * whoever mutates an object it got from storage before answering must drop it (Store does for
 * subclasses that override its reads).
 */
const rawJSON = Symbol.for('kapi.rawJSON');

export function withRawJSON<T extends KObject>(obj: T, json: string): T {
  Object.defineProperty(obj, rawJSON, { value: json, enumerable: false, configurable: true, writable: true });
  return obj;
}

export function rawJSONOf(obj: KObject): string | undefined {
  return (obj as { [rawJSON]?: string })[rawJSON];
}

export function dropRawJSON(obj: KObject | KList | undefined): void {
  if (!obj) return;
  delete (obj as { [rawJSON]?: string })[rawJSON];
  for (const item of (obj as KList).items ?? []) delete (item as { [rawJSON]?: string })[rawJSON];
}

/**
 * The JSON of an object, or of a list envelope with its items spliced in, when every part still has
 * its serialized form and carries apiVersion/kind; undefined otherwise (encode the object then).
 */
export function rawJSONResponse(obj: KObject | KList): string | undefined {
  const items = (obj as KList).items;
  if (!Array.isArray(items)) return obj.apiVersion && obj.kind ? rawJSONOf(obj as KObject) : undefined;
  const parts: string[] = [];
  for (const item of items) {
    const raw = item.apiVersion && item.kind ? rawJSONOf(item) : undefined;
    if (raw === undefined) return undefined;
    parts.push(raw);
  }
  const envelope = JSON.stringify({ ...obj, items: [] });
  return `${envelope.slice(0, -3)}[${parts.join(',')}]}`;
}
