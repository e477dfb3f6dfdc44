import { field, type ErrorList, type Path } from '../validation/field';
import { costErrorMessage, maxCardinality, sizeHintOf, StaticEstimatedCostLimit } from './rule-cost';
import { compileRules } from './validation-rules';
import { itemsOf, type JSONSchemaProps } from './types';

const openAPIV3Types = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const metaFields = new Set(['apiVersion', 'kind', 'metadata']);
const reasons = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];

/** Where a node sits, for the rules that depend on it (kube's specStandardValidator state). */
interface Context {
  isRoot: boolean;
  insideResourceMeta: boolean;
  /** Why defaults are forbidden here ("in top-level metadata"), if they are. */
  forbidDefaults?: string;
  /** The nearest path above that breaks oldSelf correlation (a list that is not a map list, an atomic map). */
  uncorrelatable?: Path;
  /** How many times a rule here may run for one object (the product of the enclosing lists' and maps' sizes). */
  cardinality: number;
  /** The estimated cost of all rules so far, summed over the whole schema. */
  total: { cost: number };
}

/** What apiextensions' CRD validation requires of each schema node; CEL problems are kept apart, reported last. */
export function validateCRDSchemaRules(s: JSONSchemaProps, p: Path, ctx: Context, errs: ErrorList, celErrs: ErrorList): void {
  forbiddenKeywords(s, p, ctx, errs);
  if (s.uniqueItems) errs.push(field.forbidden(p.child('uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  if (s.additionalProperties !== undefined && s.properties && Object.keys(s.properties).length && s.additionalProperties !== true) {
    errs.push(field.forbidden(p.child('additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
  }
  if (typeof s.additionalProperties === 'object') {
    const base = { ...ctx, isRoot: false, cardinality: ctx.cardinality * maxCardinality(s) };
    const sub = ctx.insideResourceMeta ? { ...base, forbidDefaults: 'inside additionalProperties applying to object metadata' } : base;
    validateCRDSchemaRules(s.additionalProperties, p.child('additionalProperties'), sub, errs, celErrs);
  }
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const sub: Context = { ...ctx, isRoot: false };
    if (s['x-kubernetes-map-type'] === 'atomic') sub.uncorrelatable ??= p;
    if ((ctx.isRoot || s['x-kubernetes-embedded-resource']) && metaFields.has(k)) {
      sub.insideResourceMeta = true;
      if (ctx.isRoot) sub.forbidDefaults = `in top-level ${k}`;
    }
    validateCRDSchemaRules(v, p.child('properties').key(k), sub, errs, celErrs);
  }
  if (s.not) validateCRDSchemaRules(s.not, p.child('not'), { ...ctx, isRoot: false }, errs, celErrs);
  for (const [name, list] of [
    ['allOf', s.allOf],
    ['oneOf', s.oneOf],
    ['anyOf', s.anyOf],
  ] as const) {
    (list ?? []).forEach((x, i) => validateCRDSchemaRules(x, p.child(name).index(i), { ...ctx, isRoot: false }, errs, celErrs));
  }
  const items = itemsOf(s);
  if (items) {
    const sub: Context = { ...ctx, isRoot: false, cardinality: ctx.cardinality * maxCardinality(s) };
    if (s['x-kubernetes-list-type'] !== 'map') sub.uncorrelatable ??= p;
    validateCRDSchemaRules(items, p.child('items'), sub, errs, celErrs);
  }
  if (s['x-kubernetes-preserve-unknown-fields'] === false) errs.push(field.invalid(p.child('x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  mapAndListTypes(s, p, errs);
  validationRules(s, p, ctx, errs, celErrs);
}

export function rootContext(total: { cost: number }): Context {
  return { isRoot: true, insideResourceMeta: false, cardinality: 1, total };
}

function forbiddenKeywords(s: JSONSchemaProps, p: Path, ctx: Context, errs: ErrorList): void {
  if (s.type && !openAPIV3Types.includes(s.type) && s.type !== 'null') errs.push(field.notSupported(p.child('type'), s.type, openAPIV3Types));
  if (s.default !== undefined && ctx.forbidDefaults) errs.push(field.forbidden(p.child('default'), `must not be set ${ctx.forbidDefaults}`));
  if (s.id) errs.push(field.forbidden(p.child('id'), 'id is not supported'));
  if (s.additionalItems !== undefined) errs.push(field.forbidden(p.child('additionalItems'), 'additionalItems is not supported'));
  if (s.patternProperties && Object.keys(s.patternProperties).length) errs.push(field.forbidden(p.child('patternProperties'), 'patternProperties is not supported'));
  if (s.definitions && Object.keys(s.definitions).length) errs.push(field.forbidden(p.child('definitions'), 'definitions is not supported'));
  if (s.dependencies) errs.push(field.forbidden(p.child('dependencies'), 'dependencies is not supported'));
  if (s.$ref !== undefined) errs.push(field.forbidden(p.child('$ref'), '$ref is not supported'));
  if (s.type === 'null') errs.push(field.forbidden(p.child('type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items) && s.items.length) errs.push(field.forbidden(p.child('items'), 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource'])
    errs.push(field.forbidden(p.child('x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
}

function mapAndListTypes(s: JSONSchemaProps, p: Path, errs: ErrorList): void {
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined && s.type !== 'object') {
    errs.push(
      s.type
        ? field.invalid(p.child('type'), s.type, 'must be object if x-kubernetes-map-type is specified')
        : field.required(p.child('type'), 'must be object if x-kubernetes-map-type is specified'),
    );
  }
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') errs.push(field.notSupported(p.child('x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  const listType = s['x-kubernetes-list-type'];
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  const items = itemsOf(s);
  if (listType !== undefined && s.type !== 'array') {
    errs.push(
      s.type
        ? field.invalid(p.child('type'), s.type, 'must be array if x-kubernetes-list-type is specified')
        : field.required(p.child('type'), 'must be array if x-kubernetes-list-type is specified'),
    );
  } else if (listType === 'set' && items) {
    if (items['x-kubernetes-list-type'] && items['x-kubernetes-list-type'] !== 'atomic')
      errs.push(
        field.invalid(p.child('items').child('x-kubernetes-list-type'), items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'),
      );
    if (items['x-kubernetes-map-type'] && items['x-kubernetes-map-type'] !== 'atomic')
      errs.push(
        field.invalid(p.child('items').child('x-kubernetes-map-type'), items['x-kubernetes-list-type'] ?? null, 'must be atomic as item of a list with x-kubernetes-list-type=set'),
      );
  }
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) errs.push(field.notSupported(p.child('x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  if (keys.length && listType !== 'map') {
    errs.push(
      listType
        ? field.invalid(p.child('x-kubernetes-list-type'), listType, 'must be map if x-kubernetes-list-map-keys is non-empty')
        : field.required(p.child('x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty'),
    );
  }
  if (listType !== 'map') return;
  if (!keys.length) errs.push(field.required(p.child('x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
  if (!items) return void errs.push(field.required(p.child('items'), 'must have a schema if x-kubernetes-list-type is map'));
  if (items.type !== 'object')
    return void errs.push(field.invalid(p.child('items').child('type'), items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
  const seen = new Set<string>();
  for (const k of keys) {
    const prop = items.properties?.[k];
    if (!prop) errs.push(field.invalid(p.child('x-kubernetes-list-map-keys'), keys, 'entries must all be names of item properties'));
    else if (prop.type === 'array' || prop.type === 'object')
      errs.push(field.invalid(p.child('items').child('properties').key(k).child('type'), items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
    if (seen.has(k)) errs.push(field.invalid(p.child('x-kubernetes-list-map-keys'), keys, 'must not contain duplicate entries'));
    seen.add(k);
    if (prop && !(items.required ?? []).includes(k) && prop.default === undefined) {
      errs.push(
        field.required(
          p.child('items').child('properties').key(k).child('default'),
          'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
        ),
      );
    }
    if (prop?.nullable)
      errs.push(field.forbidden(p.child('items').child('properties').key(k).child('nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
  }
}

function validationRules(s: JSONSchemaProps, p: Path, ctx: Context, errs: ErrorList, celErrs: ErrorList): void {
  const rules = s['x-kubernetes-validations'] ?? [];
  if (!rules.length) return;
  const compiled = compileRules(s, ctx.isRoot);
  rules.forEach((rule, i) => {
    const rp = p.child('x-kubernetes-validations').index(i);
    const msg = (rule.message ?? '').trim();
    if (!rule.rule?.trim()) errs.push(field.required(rp.child('rule'), 'rule is not specified'));
    if (rule.message !== undefined && !msg) errs.push(field.invalid(rp.child('message'), rule.message, 'message must be non-empty if specified'));
    else if (/\n/.test(msg)) errs.push(field.invalid(rp.child('message'), rule.message, 'message must not contain line breaks'));
    else if (!msg && /\n/.test(rule.rule ?? '')) errs.push(field.required(rp.child('message'), 'message must be specified if rule contains line breaks'));
    if (rule.messageExpression !== undefined && !rule.messageExpression.trim())
      errs.push(field.required(rp.child('messageExpression'), 'messageExpression must be non-empty if specified'));
    if (rule.reason !== undefined && !reasons.includes(rule.reason)) errs.push(field.notSupported(rp.child('reason'), rule.reason, reasons));
    if (rule.fieldPath !== undefined) {
      if (!rule.fieldPath.trim()) errs.push(field.invalid(rp.child('fieldPath'), rule.fieldPath, 'fieldPath must be non-empty if specified'));
      else if (/\n/.test(rule.fieldPath)) errs.push(field.invalid(rp.child('fieldPath'), rule.fieldPath, 'fieldPath must not contain line breaks'));
      else if (compiled[i].fieldPathError) errs.push(field.invalid(rp.child('fieldPath'), rule.fieldPath, `fieldPath must be a valid path: ${compiled[i].fieldPathError}`));
    }
    if (!rule.rule?.trim()) return;
    const c = compiled[i];
    if (c.compileError) celErrs.push(field.invalid(rp.child('rule'), rule, c.compileError));
    if (c.messageError) celErrs.push(field.invalid(rp.child('messageExpression'), rule, c.messageError));
    if (c.usesOldSelf && ctx.uncorrelatable) {
      celErrs.push(field.invalid(rp.child('rule'), rule.rule, `oldSelf cannot be used on the uncorrelatable portion of the schema within ${ctx.uncorrelatable}`));
    }
    if (c.program) {
      const hint = sizeHintOf(s);
      const cost = c.program.estimateCost({ self: hint, oldSelf: hint });
      if (cost > StaticEstimatedCostLimit) celErrs.push(field.forbidden(rp.child('rule'), costErrorMessage('estimated rule cost', cost, StaticEstimatedCostLimit)));
      ctx.total.cost += cost * ctx.cardinality;
    }
    if (rule.optionalOldSelf !== undefined && c.program && !c.usesOldSelf)
      celErrs.push(field.invalid(rp.child('optionalOldSelf'), rule.optionalOldSelf, 'may not be set if oldSelf is not used in rule'));
  });
}
