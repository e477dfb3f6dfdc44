import { newBadRequest } from '../api/errors';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { SchemaObject } from '../schema/types';
import { semanticEqual } from '../api/equality/semantic';
import { isMap, ownMember, setMember, type JSONMap } from './json';

/**
 * Strategic merge patch (https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md):
 * a JSON merge patch whose lists follow the schema — lists with `x-kubernetes-patch-strategy: merge`
 * merge element by element (by `x-kubernetes-patch-merge-key` for lists of maps, by value for
 * primitives), other lists are replaced — plus the directives `$patch` (replace | delete | merge),
 * `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`.
 */

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ELEMENT_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** Applies `patch` to `original` (neither is modified) following the schema rooted at `root`. */
export function strategicMergePatch(original: JSONMap, patch: unknown, schemas: SchemaRegistry, root: SchemaObject): JSONMap {
  if (!isMap(patch)) throw newBadRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  const merged = new StrategicMerge(schemas).mergeMap(structuredClone(original), patch, root);
  return merged ?? {};
}

class StrategicMerge {
  constructor(private readonly schemas: SchemaRegistry) {}

  private resolve(s: SchemaObject | undefined): SchemaObject | undefined {
    return this.schemas.resolve(s);
  }

  /** The schema of a map's field: a declared property, or the value schema of a map[string]T. */
  private fieldSchema(parent: SchemaObject | undefined, key: string): SchemaObject | undefined {
    const p = this.resolve(parent);
    if (!p) return undefined;
    // Own properties only: a patch key `constructor` or `__proto__` is not a schema.
    if (p.properties && Object.prototype.hasOwnProperty.call(p.properties, key)) return p.properties[key];
    return typeof p.additionalProperties === 'object' ? p.additionalProperties : undefined;
  }

  /** Merges a patch map into the original map (mutated); undefined means "delete this map". */
  mergeMap(original: JSONMap, patch: JSONMap, schema: SchemaObject | undefined): JSONMap | undefined {
    const directive = patch[PATCH];
    if (directive !== undefined) {
      if (directive === 'delete') return undefined;
      if (directive === 'replace') return this.stripDirectives(withoutKey(patch, PATCH), schema) as JSONMap;
      if (directive !== 'merge') throw newBadRequest(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
    }
    const retain = patch[RETAIN_KEYS];
    if (retain !== undefined) {
      if (!Array.isArray(retain)) throw newBadRequest(`$retainKeys must be a list of strings, got ${JSON.stringify(retain)}`);
      for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
      for (const k of Object.keys(patch)) {
        if (!k.startsWith('$') && !retain.includes(k)) throw newBadRequest(`retainKeys: key ${k} is not in the list of keys to retain`);
      }
    }
    for (const [key, value] of Object.entries(patch)) {
      if (key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER)) continue;
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
        const current = ownMember(original, field);
        if (!Array.isArray(value)) throw newBadRequest(`${key} must be a list`);
        if (Array.isArray(current))
          setMember(
            original,
            field,
            current.filter((x) => !value.some((d) => semanticEqual(d, x))),
          );
        continue;
      }
      if (value === null) {
        delete original[key];
        continue;
      }
      const field = this.fieldSchema(schema, key);
      const merged = this.mergeValue(ownMember(original, key), value, field, ownMember(patch, SET_ELEMENT_ORDER + key));
      if (merged === undefined) delete original[key];
      else setMember(original, key, merged);
    }
    // An order for a list the patch does not otherwise touch still reorders it.
    for (const [key, order] of Object.entries(patch)) {
      if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
      const field = key.slice(SET_ELEMENT_ORDER.length);
      const list = ownMember(original, field);
      if (Object.prototype.hasOwnProperty.call(patch, field) || !Array.isArray(list) || !Array.isArray(order)) continue;
      setMember(original, field, this.reorder(list, order, this.mergeKeyOf(this.fieldSchema(schema, field))));
    }
    return original;
  }

  private mergeValue(original: unknown, patch: unknown, schema: SchemaObject | undefined, order: unknown): unknown {
    if (isMap(patch)) {
      if (!isMap(original)) {
        if (patch[PATCH] === 'delete') return undefined;
        return this.mergeMap({}, patch, schema);
      }
      return this.mergeMap(original, patch, schema);
    }
    if (Array.isArray(patch)) {
      return this.mergeList(Array.isArray(original) ? original : [], patch, schema, order);
    }
    return patch;
  }

  private mergeKeyOf(schema: SchemaObject | undefined): string | undefined {
    return schema?.['x-kubernetes-patch-merge-key'];
  }

  private mergeList(original: unknown[], patch: unknown[], schema: SchemaObject | undefined, order: unknown): unknown[] {
    const itemSchema = this.resolve(schema)?.items;
    const replaceAll = patch.some((e) => isMap(e) && e[PATCH] === 'replace' && Object.keys(e).length === 1);
    const strategy = schema?.['x-kubernetes-patch-strategy'] ?? '';
    if (replaceAll || !strategy.split(',').includes('merge')) {
      return patch.filter((e) => !(isMap(e) && e[PATCH] === 'replace' && Object.keys(e).length === 1)).map((e) => this.stripDirectives(e, itemSchema));
    }
    const mergeKey = this.mergeKeyOf(schema);
    let result: unknown[];
    if (patch.every((e) => !isMap(e))) {
      // A set of primitives: union, original order first.
      result = [...original];
      for (const e of patch) if (!result.some((x) => semanticEqual(x, e))) result.push(e);
    } else {
      if (!mergeKey) throw newBadRequest('merging an object in a list without a patch merge key is not supported');
      result = [...original];
      for (const e of patch) {
        if (!isMap(e)) throw newBadRequest(`invalid list element ${JSON.stringify(e)}: expected a map with merge key ${mergeKey}`);
        const directive = e[PATCH];
        if (!(mergeKey in e)) throw newBadRequest(`map: ${JSON.stringify(e)} does not contain declared merge key: ${mergeKey}`);
        const index = result.findIndex((x) => isMap(x) && semanticEqual(x[mergeKey], e[mergeKey]));
        if (directive === 'delete') {
          result = result.filter((x) => !(isMap(x) && semanticEqual(x[mergeKey], e[mergeKey])));
          continue;
        }
        if (directive === 'replace') {
          const replaced = this.stripDirectives(withoutKey(e, PATCH), itemSchema);
          if (index >= 0) result[index] = replaced;
          else result.push(replaced);
          continue;
        }
        if (index >= 0) {
          const merged = this.mergeMap(result[index] as JSONMap, e, itemSchema);
          if (merged === undefined) result.splice(index, 1);
          else result[index] = merged;
        } else {
          const added = this.mergeMap({}, e, itemSchema);
          if (added) result.push(added);
        }
      }
    }
    return Array.isArray(order) ? this.reorder(result, order, mergeKey) : result;
  }

  /**
   * $setElementOrder: the elements it names come in its order; elements it does not name (present
   * only on the server) keep their place relative to the ones before them.
   */
  private reorder(list: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
    const keyOf = (e: unknown) => (mergeKey && isMap(e) ? e[mergeKey] : e);
    const orderKeys = order.map(keyOf);
    const rank = (e: unknown) => orderKeys.findIndex((k) => semanticEqual(k, keyOf(e)));
    const named = list.filter((e) => rank(e) >= 0).sort((a, b) => rank(a) - rank(b));
    const out: unknown[] = [];
    let next = 0;
    for (const e of list) out.push(rank(e) >= 0 ? named[next++] : e);
    return out;
  }

  /** A value taken whole from the patch: nested directives are resolved against nothing. */
  private stripDirectives(value: unknown, schema: SchemaObject | undefined): unknown {
    if (isMap(value)) return this.mergeMap({}, value, schema) ?? {};
    if (Array.isArray(value)) return value.map((e) => this.stripDirectives(e, this.resolve(schema)?.items));
    return value;
  }
}

function withoutKey(m: JSONMap, key: string): JSONMap {
  const { [key]: _dropped, ...rest } = m;
  return rest;
}
