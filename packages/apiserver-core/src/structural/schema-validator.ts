import { RuntimeCELCostBudget } from '../cel';
import { field, Path, type ErrorList } from '../validation/field';
import { toCELValue } from './cel-values';
import { compileSchema, type CompiledSchema } from './compiled-schema';
import { validateEmbeddedResource } from './embedded-resource';
import { fieldPathOf, nilPath, Segment } from './field-segments';
import { validateListMap, validateListSet } from './list-type';
import { validateOpenAPI } from './openapi-validation';
import { correlateListItems, correlateProperty, type Correlated } from './correlation';
import { semanticEqual } from '../api/equality/semantic';
import { isObject, type JSONSchemaProps } from './types';
import { evaluateRules, type Budget } from './validation-rules';

export interface SchemaValidatorOptions {
  /** The CEL cost budget for all the rules of one object (kube's RuntimeCELCostBudget by default). */
  celCostBudget?: number;
  /** The schema is a whole resource's (default): its rules see `self.metadata` as kube shows it, name and generateName. */
  isResourceRoot?: boolean;
}

/** A schema compiled once into a validator of many objects. */
export interface SchemaValidator {
  validate(obj: unknown, fldPath?: Path): ErrorList;
  validateUpdate(obj: unknown, old: unknown, fldPath?: Path): ErrorList;
}

/** Errors that make kube skip the CEL rules: their `self` would not have the shape the rules were written for. */
const blocking = new Set(['FieldValueNotSupported', 'FieldValueRequired', 'FieldValueTooLong', 'FieldValueTooMany', 'FieldValueTypeInvalid']);

/**
 * Validation of an object against a structural schema, in kube-apiserver's order for custom resources: the OpenAPI
 * keywords, embedded resources' TypeMeta/ObjectMeta, list-type set/map uniqueness, then the CEL rules — which are skipped
 * with kube's notice when an earlier error means the object is not the shape they expect.
 */
export function newSchemaValidator(schema: JSONSchemaProps, opts: SchemaValidatorOptions = {}): SchemaValidator {
  const root = compileSchema(schema, opts.isResourceRoot ?? true);
  const budgetOf = (): Budget => ({ remaining: opts.celCostBudget ?? RuntimeCELCostBudget, exhausted: false });
  const run = (obj: unknown, old: unknown, hasOld: boolean, fldPath: Path): ErrorList => {
    const errs: ErrorList = [];
    validateOpenAPI(fldPath, root, obj, Segment.root, errs, hasOld ? { value: old } : undefined);
    if (root.needsStructureWalk) validateStructure(fldPath, root, obj, errs);
    if (root.hasRules) {
      if (errs.some((e) => blocking.has(e.type))) {
        // kube reports it with a nil field path and a nil value, which its field errors print as `<nil>` and "null".
        errs.push(field.invalid(nilPath, 'null', 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation'));
      } else {
        validateRulesAt(fldPath, root, obj, hasOld ? { value: old } : undefined, Segment.root, budgetOf(), errs);
      }
    }
    return errs;
  };
  return {
    validate: (obj, fldPath = Path.root('')) => run(obj, undefined, false, fldPath),
    validateUpdate: (obj, old, fldPath = Path.root('')) => run(obj, old, true, fldPath),
  };
}

/** Embedded resources and list types, walked with field paths (`spec.template.metadata`, `spec.ports[1]`). */
function validateStructure(base: Path, root: CompiledSchema, obj: unknown, errs: ErrorList): void {
  const embedded: ErrorList = [];
  const lists: ErrorList = [];
  const walk = (node: CompiledSchema, v: unknown, seg: Segment | undefined): void => {
    if (!node.needsStructureWalk) return;
    const s = node.schema;
    if (isObject(v)) {
      if (s['x-kubernetes-embedded-resource']) embedded.push(...validateEmbeddedResource(fieldPathOf(base, seg), v));
      for (const [k, x] of Object.entries(v)) {
        const p = node.properties?.get(k);
        if (p) walk(p, x, Segment.field(seg, k));
        else if (node.additionalProperties) walk(node.additionalProperties, x, Segment.key(seg, k));
      }
    } else if (Array.isArray(v)) {
      const listType = s['x-kubernetes-list-type'];
      if (listType === 'set') lists.push(...validateListSet(fieldPathOf(base, seg), v));
      if (listType === 'map') lists.push(...validateListMap(fieldPathOf(base, seg), v, s['x-kubernetes-list-map-keys'] ?? []));
      if (node.items) v.forEach((x, i) => walk(node.items!, x, Segment.index(seg, i)));
    }
  };
  walk(root, obj, Segment.root);
  errs.push(...embedded, ...lists);
}

/** CEL rules top-down; old values follow by property, map key, and list-map key (kube's correlation of oldSelf). */
function validateRulesAt(base: Path, node: CompiledSchema, v: unknown, old: Correlated | undefined, seg: Segment | undefined, budget: Budget, errs: ErrorList): void {
  if (!node.hasRules || budget.exhausted || v === undefined) return;
  if (node.rules.length) {
    // Ratcheting: rules that do not read oldSelf do not fail an unchanged value (kube makes their errors warnings).
    const unchanged = !!old && semanticEqual(v, old.value);
    const typeName = node.schema.type ?? '';
    const self = toCELValue(v, node);
    evaluateRules(node.rules, fieldPathOf(base, seg), typeName, self, old ? toCELValue(old.value, node) : undefined, !!old, unchanged, budget, errs);
  }
  if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      const p = node.properties?.get(k);
      const sub = p ?? node.additionalProperties;
      if (!sub) continue;
      validateRulesAt(base, sub, x, correlateProperty(old, k), p ? Segment.field(seg, k) : Segment.key(seg, k), budget, errs);
    }
  } else if (Array.isArray(v) && node.items) {
    const oldItem = correlateListItems(node, old);
    v.forEach((x, i) => validateRulesAt(base, node.items!, x, oldItem(x), Segment.index(seg, i), budget, errs));
  }
}
