import type { CELObjectTypes, CELTypeName } from '../cel';
import { itemsOf, type JSONSchemaProps } from './types';

/** Formats kube gives CEL types of their own (bytes, timestamp, duration); kapi binds them as strings, so they stay dyn. */
const specialFormats = new Set(['byte', 'date', 'date-time', 'datetime', 'duration']);

/**
 * The CEL type of `self` at a schema node, as kube declares it for type-checking rules: integers are ints, numbers
 * doubles, arrays lists, objects with properties object types with those fields, maps `map<string, T>`; at a resource
 * root, `metadata` offers only name and generateName. Where kapi's values could differ from kube's types
 * (int-or-string, preserved unknown fields, embedded resources, nullable fields, special formats) the type is dyn, so
 * type-checking never refuses a rule kube accepts.
 */
export function celTypeOf(s: JSONSchemaProps, isResourceRoot: boolean): { type: CELTypeName; types: CELObjectTypes } {
  const types: CELObjectTypes = [];
  let n = 0;
  const declare = (x: JSONSchemaProps | undefined, root: boolean): CELTypeName => {
    if (!x || x.nullable || x['x-kubernetes-int-or-string'] || x['x-kubernetes-preserve-unknown-fields'] || x['x-kubernetes-embedded-resource']) return 'dyn';
    switch (x.type) {
      case 'string':
        return x.format && specialFormats.has(x.format) ? 'dyn' : 'string';
      case 'integer':
        return 'int';
      case 'number':
        return 'double';
      case 'boolean':
        return 'bool';
      case 'array':
        return `list<${declare(itemsOf(x), false)}>`;
      case 'object': {
        if (typeof x.additionalProperties === 'object') return `map<string, ${declare(x.additionalProperties, false)}>`;
        if (!x.properties) return 'map<string, dyn>';
        const fields: Record<string, CELTypeName> = {};
        for (const [k, v] of Object.entries(x.properties)) fields[k] = root && k === 'metadata' ? 'dyn' : declare(v, false);
        if (root) {
          fields.apiVersion = 'string';
          fields.kind = 'string';
          fields.metadata = declareRootMeta();
        }
        const name = `Object${++n}`;
        types.push([name, fields]);
        return name;
      }
      default:
        return 'dyn';
    }
  };
  const declareRootMeta = (): CELTypeName => {
    const name = `ObjectMeta${++n}`;
    types.push([name, { name: 'string', generateName: 'string' }]);
    return name;
  };
  const type = declare(s, isResourceRoot);
  return { type, types };
}
