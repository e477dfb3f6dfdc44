import { newBadRequest } from '../api/errors';
import type { SchemaRegistry } from '../schema/schema-registry';
import type { SchemaObject } from '../schema/types';
import { isMap } from './json';

/** The fieldValidation query parameter of create, update and patch. */
export type FieldValidationDirective = 'Strict' | 'Warn' | 'Ignore';

/**
 * fieldValidation from the query. kube-apiserver's default, when the client sends none, is Warn;
 * kubectl sends Strict for `apply`/`create`/`replace` with its default --validate=strict.
 */
export function fieldValidationOf(query: Record<string, unknown>): FieldValidationDirective {
  const v = query.fieldValidation;
  if (v === undefined || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw newBadRequest(`fieldValidation must be one of "Ignore", "Warn" or "Strict", got ${JSON.stringify(v)}`);
}


/**
 * Removes from `obj` (in place) every field its schema does not know, as kube-apiserver's decoder
 * drops unknown fields of built-in types, and returns their paths in the form kube-apiserver
 * reports them (`spec.template.spec.containers[0].imagee`). Below
 * x-kubernetes-preserve-unknown-fields everything is kept.
 */
export function pruneUnknownFields(obj: unknown, root: SchemaObject, schemas: SchemaRegistry): string[] {
  const unknown: string[] = [];
  const walk = (value: unknown, schema: SchemaObject | undefined, path: string): void => {
    const s = schemas.resolve(schema);
    if (!s || s['x-kubernetes-preserve-unknown-fields']) return;
    if (Array.isArray(value)) {
      value.forEach((e, i) => walk(e, s.items, `${path}[${i}]`));
      return;
    }
    if (!isMap(value)) return;
    const values = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const prop = s.properties?.[key];
      if (prop) walk(child, prop, childPath);
      else if (values) walk(child, values, childPath);
      else if (s.properties && s.additionalProperties !== true) {
        unknown.push(childPath);
        delete value[key];
      }
    }
  };
  walk(obj, root, '');
  return unknown;
}

/** What a request's unknown/duplicate fields become under its directive: an error or warnings. */
export interface FieldValidationResult {
  warnings: string[];
}

/**
 * validateAndPrune: prunes unknown fields of `obj` and applies the directive — Strict fails with a
 * 400 naming every unknown and duplicate field, Warn returns one warning per field, Ignore is silent.
 * `duplicates` are the duplicate field paths the decoder found in the raw body. `sortedOrder` reports
 * paths in the order of an object whose keys are sorted: a patched object reaches kube-apiserver's
 * strict decoder re-encoded from a Go map, keys sorted.
 */
export function validateAndPrune(
  schemas: SchemaRegistry,
  root: SchemaObject,
  obj: unknown,
  directive: FieldValidationDirective,
  duplicates: string[] = [],
  errorPrefix = '',
  sortedOrder = false,
): FieldValidationResult {
  return applyFieldValidation(pruneUnknownFields(obj, root, schemas), directive, duplicates, errorPrefix, sortedOrder);
}

/** The directive applied to the unknown fields a pruning found (built-in schemas, or a structural schema's). */
export function applyFieldValidation(
  unknown: string[],
  directive: FieldValidationDirective,
  duplicates: string[] = [],
  errorPrefix = '',
  sortedOrder = false,
): FieldValidationResult {
  if (sortedOrder) unknown.sort(comparePaths);
  const problems = [...duplicates.map((p) => `duplicate field "${p}"`), ...unknown.map((p) => `unknown field "${p}"`)];
  if (problems.length === 0 || directive === 'Ignore') return { warnings: [] };
  if (directive === 'Strict') throw newBadRequest(`${errorPrefix}strict decoding error: ${problems.join(', ')}`);
  return { warnings: problems };
}

/** Orders field paths as a walk over sorted keys visits them (list indices numerically). */
export function comparePaths(a: string, b: string): number {
  const split = (p: string) => p.split(/\.|(?=\[)/);
  const sa = split(a);
  const sb = split(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] === sb[i]) continue;
    const ia = /^\[(\d+)\]$/.exec(sa[i]);
    const ib = /^\[(\d+)\]$/.exec(sb[i]);
    if (ia && ib) return Number(ia[1]) - Number(ib[1]);
    return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}
