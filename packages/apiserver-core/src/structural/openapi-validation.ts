import { canonicalJSON } from '../fieldmanager/field-set';
import { semanticEqual } from '../api/equality/semantic';
import { field, type ErrorList, type Path } from '../validation/field';
import type { CompiledSchema } from './compiled-schema';
import { correlateListItems, correlateProperty, type Correlated } from './correlation';
import { openAPIFieldPath, openAPIName, Segment } from './field-segments';
import { validFormat } from './formats';
import { goNumber } from './go-values';
import { isObject } from './types';

/**
 * The OpenAPI keyword checks kube-apiserver runs on a custom resource (kube-openapi's validator as apiextensions uses it),
 * with the same messages and the same mapping onto field errors: Required, Unsupported value (enum), Too long, Too many,
 * Invalid value for the rest. Every applicable check runs, as in kube: a wrong type does not hide an enum error.
 */
export function validateOpenAPI(base: Path, node: CompiledSchema, value: unknown, seg: Segment | undefined, errs: ErrorList, old?: Correlated): void {
  // Ratcheting (kube's CRDValidationRatcheting, on by default): a value an update leaves as it was is not held to a
  // schema that has since become stricter; kube turns its errors into warnings.
  if (old && semanticEqual(value, old.value)) return;
  // Names and paths are built only when an error is reported (at(w), name(w)): most values are valid.
  const w: Where = { base, seg, old };
  if (value === null || value === undefined) {
    checkType(node, 'null', w, errs);
    checkEnum(node, value, w, errs);
    return;
  }
  const kind = jsonType(value);
  checkType(node, kind, w, errs);
  checkComposition(node, value, w, errs);
  if (typeof value === 'string') checkString(node, value, w, errs);
  if (typeof value === 'number') checkNumber(node, value, w, errs);
  if (Array.isArray(value)) checkArray(node, value, w, errs);
  checkEnum(node, value, w, errs);
  if (isObject(value)) checkObject(node, value, w, errs);
}

/** The JSON type of a decoded value; integral numbers are integers, as Go's JSON decoding into int64 makes them. */
export function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Where the value is; its name and path are rendered only for an error. */
interface Where {
  base: Path;
  seg: Segment | undefined;
  old: Correlated | undefined;
}
const at = (w: Where) => openAPIFieldPath(w.base, w.seg);
const name = (w: Where) => openAPIName(w.seg);

function checkType(node: CompiledSchema, kind: string, w: Where, errs: ErrorList): void {
  if (node.types.length === 0) return;
  if (kind === 'null') {
    if (!node.nullable) errs.push(field.typeInvalid(at(w), 'null', `${name(w)} in body must be of type ${node.types.join(',')}: "null"`));
    return;
  }
  const ok = node.types.includes(kind) || (kind === 'integer' && node.types.includes('number'));
  if (!ok) errs.push(field.typeInvalid(at(w), kind, `${name(w)} in body must be of type ${node.types.join(',')}: "${kind}"`));
}

function checkString(node: CompiledSchema, s: string, w: Where, errs: ErrorList): void {
  const { maxLength, minLength } = node.schema;
  const length = maxLength !== undefined || minLength !== undefined ? [...s].length : 0;
  if (maxLength !== undefined && length > maxLength) errs.push(field.tooLong(at(w), '', maxLength));
  if (minLength !== undefined && length < minLength) errs.push(field.invalid(at(w), s, `${name(w)} in body should be at least ${minLength} chars long`));
  if (node.pattern && !node.pattern.test(s)) errs.push(field.invalid(at(w), s, `${name(w)} in body should match '${node.schema.pattern}'`));
  if (node.patternError) errs.push(field.invalid(at(w), s, `${name(w)} in body should match '${node.schema.pattern}, but pattern is invalid: ${node.patternError}'`));
  if (node.formatKey && !validFormat(node.formatKey, s)) errs.push(field.typeInvalid(at(w), s, `${name(w)} in body must be of type ${node.format}: ${JSON.stringify(s)}`));
}

function checkNumber(node: CompiledSchema, n: number, w: Where, errs: ErrorList): void {
  const { multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum } = node.schema;
  const show = (bound: number): string => goNumber(bound, Number.isInteger(n) && Number.isInteger(bound));
  if (multipleOf !== undefined && multipleOf > 0 && !isMultiple(n, multipleOf)) {
    errs.push(field.invalid(at(w), n, `${name(w)} in body should be a multiple of ${show(multipleOf)}`));
  }
  if (maximum !== undefined && (exclusiveMaximum ? n >= maximum : n > maximum)) {
    errs.push(field.invalid(at(w), n, `${name(w)} in body should be less than ${exclusiveMaximum ? '' : 'or equal to '}${show(maximum)}`));
  }
  if (minimum !== undefined && (exclusiveMinimum ? n <= minimum : n < minimum)) {
    errs.push(field.invalid(at(w), n, `${name(w)} in body should be greater than ${exclusiveMinimum ? '' : 'or equal to '}${show(minimum)}`));
  }
}

function isMultiple(n: number, factor: number): boolean {
  const q = n / factor;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function checkArray(node: CompiledSchema, a: unknown[], w: Where, errs: ErrorList): void {
  if (node.items) {
    const oldItem = correlateListItems(node, w.old);
    for (let i = 0; i < a.length; i++) validateOpenAPI(w.base, node.items, a[i], Segment.index(w.seg, i), errs, oldItem(a[i]));
  }
  const { minItems, maxItems, uniqueItems } = node.schema;
  if (minItems !== undefined && a.length < minItems) errs.push(field.invalid(at(w), a.length, `${name(w)} in body should have at least ${minItems} items`));
  if (maxItems !== undefined && a.length > maxItems) errs.push(field.tooMany(at(w), a.length, maxItems));
  if (uniqueItems && new Set(a.map(canonicalJSON)).size !== a.length) errs.push(field.invalid(at(w), '', `${name(w)} in body shouldn't contain duplicates`));
}

function checkObject(node: CompiledSchema, o: Record<string, unknown>, w: Where, errs: ErrorList): void {
  const keys = Object.keys(o);
  const { minProperties, maxProperties, required } = node.schema;
  if (minProperties !== undefined && keys.length < minProperties)
    errs.push(field.invalid(at(w), keys.length, `${name(w)} in body should have at least ${minProperties} properties`));
  if (maxProperties !== undefined && keys.length > maxProperties) errs.push(field.tooMany(at(w), keys.length, maxProperties));
  for (const k of keys) {
    if (node.properties?.has(k)) continue;
    if (node.additionalProperties) validateOpenAPI(w.base, node.additionalProperties, o[k], Segment.key(w.seg, k), errs, correlateProperty(w.old, k));
    else if (node.additionalPropertiesForbidden) errs.push(field.invalid(at(w), k, `${name(w)}.${k} in body is a forbidden property`));
  }
  if (node.properties) for (const [k, sub] of node.properties) if (k in o) validateOpenAPI(w.base, sub, o[k], Segment.field(w.seg, k), errs, correlateProperty(w.old, k));
  if (required) for (const k of required) if (!(k in o)) errs.push(field.required(openAPIFieldPath(w.base, Segment.field(w.seg, k)), ''));
}

function checkEnum(node: CompiledSchema, value: unknown, w: Where, errs: ErrorList): void {
  if (!node.enumKeys || node.enumKeys.has(canonicalJSON(value ?? null))) return;
  const values = (node.schema.enum ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  errs.push(field.notSupported(at(w), value ?? null, values));
}

/** allOf, anyOf, oneOf and not: structural schemas may only state value validations in them. */
function checkComposition(node: CompiledSchema, value: unknown, w: Where, errs: ErrorList): void {
  if (!node.allOf && !node.anyOf && !node.oneOf && !node.not) return;
  const run = (sub: CompiledSchema): ErrorList => {
    const e: ErrorList = [];
    validateOpenAPI(w.base, sub, value, w.seg, e);
    return e;
  };
  for (const sub of node.allOf ?? []) errs.push(...run(sub));
  if (node.anyOf) {
    const results = node.anyOf.map(run);
    if (!results.some((r) => r.length === 0)) {
      errs.push(field.invalid(at(w), '', `${JSON.stringify(name(w))} must validate at least one schema (anyOf)`));
      errs.push(...results[0]);
    }
  }
  if (node.oneOf) {
    const valid = node.oneOf.map(run).filter((r) => r.length === 0).length;
    if (valid !== 1) {
      const more = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      errs.push(field.invalid(at(w), '', `${JSON.stringify(name(w))} must validate one and only one schema (oneOf). ${more}`));
    }
  }
  if (node.not && run(node.not).length === 0) errs.push(field.invalid(at(w), '', `${JSON.stringify(name(w))} must not validate the schema (not)`));
}
