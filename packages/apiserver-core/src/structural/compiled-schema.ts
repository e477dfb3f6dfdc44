import { canonicalJSON } from '../fieldmanager/field-set';
import { knownFormat } from './formats';
import { compileRules, type CompiledRule } from './validation-rules';
import { itemsOf, type JSONSchemaProps } from './types';
import { compileRE2, type RE2Regexp } from '../util/re2';

/**
 * A schema node prepared once for validating many objects: regular expressions built, enums hashed, CEL rules compiled,
 * and, per subtree, whether anything below needs the (slower) embedded-resource, list-type or CEL walks.
 */
export interface CompiledSchema {
  readonly schema: JSONSchemaProps;
  /** The allowed JSON types; int-or-string is ["integer", "string"] as kube-apiserver hands it to kube-openapi. */
  readonly types: string[];
  readonly nullable: boolean;
  /** The format as written, when kube checks it. */
  readonly format?: string;
  readonly formatKey?: string;
  readonly pattern?: RE2Regexp;
  readonly patternError?: string;
  readonly enumKeys?: Set<string>;
  readonly properties?: Map<string, CompiledSchema>;
  readonly additionalProperties?: CompiledSchema;
  readonly additionalPropertiesForbidden: boolean;
  readonly items?: CompiledSchema;
  readonly allOf?: CompiledSchema[];
  readonly anyOf?: CompiledSchema[];
  readonly oneOf?: CompiledSchema[];
  readonly not?: CompiledSchema;
  readonly rules: CompiledRule[];
  /** Something below (or here) is an embedded resource or a set/map list: the structure walk must visit it. */
  readonly needsStructureWalk: boolean;
  /** Some CEL rule is here or below. */
  readonly hasRules: boolean;
}

/** Compiles a schema; `isResourceRoot` types `self.metadata` of the root's rules as kube does. */
export function compileSchema(s: JSONSchemaProps, isResourceRoot = true): CompiledSchema {
  const properties = s.properties ? new Map(Object.entries(s.properties).map(([k, v]) => [k, compileSchema(v, false)])) : undefined;
  const additionalProperties = typeof s.additionalProperties === 'object' ? compileSchema(s.additionalProperties, false) : undefined;
  const itemSchema = itemsOf(s);
  const items = itemSchema ? compileSchema(itemSchema, false) : undefined;
  const children = [...(properties?.values() ?? []), ...(additionalProperties ? [additionalProperties] : []), ...(items ? [items] : [])];
  const { pattern, patternError } = compilePattern(s.pattern);
  const rules = compileRules(s, isResourceRoot);
  const listType = s['x-kubernetes-list-type'];
  return {
    schema: s,
    types: s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : s.type ? [s.type] : [],
    nullable: !!s.nullable,
    format: knownFormat(s.format) ? s.format : undefined,
    formatKey: knownFormat(s.format),
    pattern,
    patternError,
    enumKeys: s.enum?.length ? new Set(s.enum.map(canonicalJSON)) : undefined,
    properties,
    additionalProperties,
    additionalPropertiesForbidden: s.additionalProperties === false,
    items,
    allOf: s.allOf?.map((x) => compileSchema(x, false)),
    anyOf: s.anyOf?.map((x) => compileSchema(x, false)),
    oneOf: s.oneOf?.map((x) => compileSchema(x, false)),
    not: s.not ? compileSchema(s.not, false) : undefined,
    rules,
    needsStructureWalk: !!s['x-kubernetes-embedded-resource'] || listType === 'set' || listType === 'map' || children.some((c) => c.needsStructureWalk),
    hasRules: rules.length > 0 || children.some((c) => c.hasRules),
  };
}

/** Schema patterns are RE2 (Go's regexp), as kube validates them; JS's RegExp differs and backtracks. */
function compilePattern(p: string | undefined): { pattern?: RE2Regexp; patternError?: string } {
  if (p === undefined) return {};
  try {
    return { pattern: compileRE2(p) };
  } catch (err) {
    return { patternError: (err as Error).message };
  }
}
