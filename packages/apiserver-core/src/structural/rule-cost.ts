import type { SizeHint } from '../cel';
import { childSchema, itemsOf, type JSONSchemaProps } from './types';

/** kube-apiserver's largest request: what bounds lists, maps and strings a schema leaves unbounded. */
const MaxRequestSizeBytes = 3 * 1024 * 1024;
/** Largest estimated cost of one CRD rule, and of all rules of a CRD together (apiextensions validation). */
export const StaticEstimatedCostLimit = 10_000_000;
export const StaticEstimatedCRDCostLimit = 100_000_000;

/** The fewest JSON bytes a value of this schema takes, which bounds how many fit in a request. */
function minSerializedSize(s: JSONSchemaProps | undefined): number {
  switch (s?.type) {
    case 'string':
    case 'object':
    case 'array':
      return 2;
    case 'boolean':
      return 4;
    default:
      return 1;
  }
}

/** How many values of this schema one object may hold: its maxItems / maxProperties, else as many as fit in a request. */
export function maxCardinality(s: JSONSchemaProps): number {
  if (s.type === 'array') return s.maxItems ?? Math.floor((MaxRequestSizeBytes - 2) / (minSerializedSize(itemsOf(s)) + 1));
  if (typeof s.additionalProperties === 'object') {
    return s.maxProperties ?? Math.floor((MaxRequestSizeBytes - 2) / (minSerializedSize(s.additionalProperties) + 4));
  }
  return 1;
}

/** What the CEL estimator may know of a value of this schema. */
export function sizeHintOf(s: JSONSchemaProps | undefined): SizeHint | undefined {
  if (!s) return undefined;
  if (s.type === 'string') return { maxSize: s.maxLength ?? MaxRequestSizeBytes - 2 };
  if (s.type === 'array') return { maxSize: maxCardinality(s), elements: () => sizeHintOf(itemsOf(s)) };
  if (s.type === 'object' || s.properties || s.additionalProperties) {
    const keys = typeof s.additionalProperties === 'object' ? { maxSize: MaxRequestSizeBytes - 2 } : undefined;
    return { maxSize: maxCardinality(s), child: (name) => sizeHintOf(childSchema(s, name)), elements: () => keys };
  }
  return undefined;
}

/** kube's wording of a cost over its limit. */
export function costErrorMessage(costName: string, cost: number, limit: number): string {
  const factor = cost / limit;
  const text = factor > 100 ? 'more than 100x' : factor < 1.5 ? `${factor.toFixed(6)}x` : `${factor.toFixed(1)}x`;
  return `${costName} exceeds budget by factor of ${text} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}
