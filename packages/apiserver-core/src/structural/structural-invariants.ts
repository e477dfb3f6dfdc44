import { field, type ErrorList, type Path } from '../validation/field';
import { itemsOf, type JSONSchemaProps } from './types';
import { compileRE2 } from '../util/re2';

type Level = 'root' | 'item' | 'field';

/**
 * The "must be structural" rules (kube-apiserver's schema.ValidateStructural): every node states its type unless it
 * preserves unknown fields or is int-or-string; the root is an object without additionalProperties; metadata at the
 * root may only restrict name and generateName; embedded resources are objects; allOf/anyOf/oneOf/not only carry value
 * validations. kube sorts these errors by their text, so do we.
 */
export function validateStructuralInvariants(s: JSONSchemaProps, p: Path): ErrorList {
  const errs: ErrorList = [];
  invariants(s, 'root', p, errs);
  return errs.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

function invariants(s: JSONSchemaProps, lvl: Level, p: Path, errs: ErrorList): void {
  const items = itemsOf(s);
  if (s.type === 'array' && !items) errs.push(field.required(p.child('items'), 'must be specified'));
  if (items) invariants(items, 'item', p.child('items'), errs);
  for (const [k, v] of Object.entries(s.properties ?? {})) invariants(v, 'field', p.child('properties').key(k), errs);
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    if (lvl === 'root') errs.push(field.forbidden(p.child('additionalProperties'), 'must not be used at the root'));
    if (typeof s.additionalProperties === 'object') invariants(s.additionalProperties, 'field', p.child('additionalProperties'), errs);
  }
  const intOrString = !!s['x-kubernetes-int-or-string'];
  const preserve = !!s['x-kubernetes-preserve-unknown-fields'];
  const embedded = !!s['x-kubernetes-embedded-resource'];
  if (intOrString && preserve) errs.push(field.invalid(p.child('x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'));
  if (intOrString && embedded) errs.push(field.invalid(p.child('x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'));
  valueValidation(s, p, intOrString, errs);
  const checkMetadata = lvl === 'root' || embedded;
  if (embedded && s.type !== 'object') {
    errs.push(
      s.type
        ? field.invalid(p.child('type'), s.type, 'must be object if x-kubernetes-embedded-resource is true')
        : field.required(p.child('type'), 'must be object if x-kubernetes-embedded-resource is true'),
    );
  } else if (!s.type && !intOrString && !preserve) {
    const where = { root: 'at the root', item: 'for specified array items', field: 'for specified object fields' }[lvl];
    errs.push(field.required(p.child('type'), `must not be empty ${where}`));
  }
  if (embedded && s.additionalProperties !== undefined && s.additionalProperties !== false) {
    errs.push(field.forbidden(p.child('additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  }
  if (lvl === 'root' && s.type && s.type !== 'object') errs.push(field.invalid(p.child('type'), s.type, 'must be object at the root'));
  for (const k of ['kind', 'apiVersion']) {
    const prop = s.properties?.[k];
    if (prop && checkMetadata && prop.type !== 'string') errs.push(field.invalid(p.child('properties').key(k).child('type'), prop.type ?? '', 'must be string'));
  }
  const metadata = s.properties?.metadata;
  if (metadata) metadataInvariants(metadata, checkMetadata, lvl, p.child('properties').key('metadata'), errs);
  if (embedded && !preserve && !Object.keys(s.properties ?? {}).length) {
    errs.push(field.required(p.child('properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
}

/** At the root, metadata may restrict name and generateName and nothing else: kube-apiserver owns ObjectMeta's schema. */
function metadataInvariants(s: JSONSchemaProps, checkMetadata: boolean, lvl: Level, p: Path, errs: ErrorList): void {
  if (checkMetadata && s.type !== 'object') errs.push(field.invalid(p.child('type'), s.type ?? '', 'must be object'));
  if (lvl !== 'root') return;
  const props = Object.keys(s.properties ?? {});
  const onlyNames = props.every((k) => k === 'name' || k === 'generateName');
  const { type: _t, default: _d, properties: _p, description: _desc, ...rest } = s;
  const other = Object.keys(rest).filter((k) => (rest as Record<string, unknown>)[k] !== undefined);
  if (!onlyNames || other.length) {
    errs.push(field.forbidden(p, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  }
}

/** Inside allOf/anyOf/oneOf/not only value validations may appear; the int-or-string anyOf idiom is allowed. */
function valueValidation(s: JSONSchemaProps, p: Path, intOrString: boolean, errs: ErrorList): void {
  if (s.pattern !== undefined) {
    try {
      compileRE2(s.pattern);
    } catch (err) {
      errs.push(field.invalid(p.child('pattern'), s.pattern, `must be a valid regular expression, but isn't: ${(err as Error).message}`));
    }
  }
  const skipAnyOf = intOrString && isIntOrStringAnyOf(s.anyOf);
  if (!skipAnyOf) (s.anyOf ?? []).forEach((x, i) => nested(x, p.child('anyOf').index(i), errs, false));
  (s.allOf ?? []).forEach((x, i) => nested(x, p.child('allOf').index(i), errs, intOrString && i === 0 && isIntOrStringAnyOf(x.anyOf)));
  (s.oneOf ?? []).forEach((x, i) => nested(x, p.child('oneOf').index(i), errs, false));
  if (s.not) nested(s.not, p.child('not'), errs, false);
}

function isIntOrStringAnyOf(anyOf: JSONSchemaProps[] | undefined): boolean {
  return anyOf?.length === 2 && anyOf[0].type === 'integer' && anyOf[1].type === 'string' && Object.keys(anyOf[0]).length === 1 && Object.keys(anyOf[1]).length === 1;
}

const forbiddenInNested: [keyof JSONSchemaProps, string][] = [
  ['type', 'must be empty to be structural'],
  ['additionalProperties', 'must be undefined to be structural'],
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

function nested(s: JSONSchemaProps, p: Path, errs: ErrorList, skipAnyOf: boolean): void {
  if (!skipAnyOf) (s.anyOf ?? []).forEach((x, i) => nested(x, p.child('anyOf').index(i), errs, false));
  (s.allOf ?? []).forEach((x, i) => nested(x, p.child('allOf').index(i), errs, false));
  (s.oneOf ?? []).forEach((x, i) => nested(x, p.child('oneOf').index(i), errs, false));
  if (s.not) nested(s.not, p.child('not'), errs, false);
  const items = itemsOf(s);
  if (items) nested(items, p.child('items'), errs, false);
  for (const [k, v] of Object.entries(s.properties ?? {})) nested(v, p.child('properties').key(k), errs, false);
  for (const [k, detail] of forbiddenInNested) {
    const v = s[k];
    if (v === undefined || v === false || v === '' || (Array.isArray(v) && !v.length)) continue;
    errs.push(field.forbidden(p.child(k), detail));
  }
  if (s.properties?.metadata) errs.push(field.forbidden(p.child('properties').key('metadata'), 'must not be specified in a nested context'));
}
