import { childSchema, isObject, itemsOf, type JSONSchemaProps } from './types';

const metaFields = new Set(['apiVersion', 'kind', 'metadata']);

export interface PruneOptions {
  /** The object is a whole resource: apiVersion, kind and metadata are kept whatever the schema says. */
  isResourceRoot: boolean;
}

/**
 * Drops every field the schema does not specify (kube's pruning of custom resources), in place, and returns the dropped
 * fields' paths sorted, in kube's form (`spec.foo`, `spec.items[0].bar`) for fieldValidation=Strict/Warn messages
 * (`unknown field "spec.foo"`). `x-kubernetes-preserve-unknown-fields` keeps unknown fields below it, while known ones
 * are still pruned inside; embedded resources keep their apiVersion, kind and metadata.
 */
export function pruneUnknownFields(obj: unknown, schema: JSONSchemaProps | undefined, opts: PruneOptions): string[] {
  const unknown: string[] = [];
  let s = schema;
  if (opts.isResourceRoot && !s?.['x-kubernetes-embedded-resource']) s = { ...(s ?? {}), 'x-kubernetes-embedded-resource': true };
  prune(obj, s, '', unknown);
  return unknown.sort();
}

const keyPath = (parent: string, k: string) => (parent ? `${parent}.${k}` : k);

function prune(x: unknown, s: JSONSchemaProps | undefined, path: string, unknown: string[]): void {
  if (s?.['x-kubernetes-preserve-unknown-fields']) return skipPrune(x, s, path, unknown);
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (!s) {
        unknown.push(keyPath(path, k));
        delete x[k];
        continue;
      }
      if (s['x-kubernetes-embedded-resource'] && metaFields.has(k)) continue;
      const sub = childSchema(s, k);
      if (sub) prune(x[k], sub, keyPath(path, k), unknown);
      else {
        // An embedded object's own meta fields are dropped without a warning at the root, as kube does.
        if (!metaFields.has(k) || path) unknown.push(keyPath(path, k));
        delete x[k];
      }
    }
  } else if (Array.isArray(x)) {
    const items = s ? itemsOf(s) : undefined;
    x.forEach((v, i) => prune(v, items, `${path}[${i}]`, unknown));
  }
}

function skipPrune(x: unknown, s: JSONSchemaProps | undefined, path: string, unknown: string[]): void {
  if (!s) return;
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (s['x-kubernetes-embedded-resource'] && metaFields.has(k)) continue;
      const sub = childSchema(s, k);
      if (sub) prune(x[k], sub, keyPath(path, k), unknown);
    }
  } else if (Array.isArray(x)) {
    const items = itemsOf(s);
    x.forEach((v, i) => skipPrune(v, items, `${path}[${i}]`, unknown));
  }
}
