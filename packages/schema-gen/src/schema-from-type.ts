import ts from 'typescript';
import type { JSONSchemaProps, ValidationRule } from '@kapi/apiserver-core';
import { docCommentText, hasMarker, parseDocComment, type DocComment, type Marker } from './markers';

/** The scalar-types.ts names, by the name a field's type is written with. */
const scalarAliases: Record<string, JSONSchemaProps> = {
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  DateTime: { type: 'string', format: 'date-time' },
  IntOrString: { 'x-kubernetes-int-or-string': true },
};

const numericMarkers = ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;
/** Markers a field may carry; anything else is reported, so a typo is not a silently missing rule. */
const fieldMarkers = new Set<string>([
  ...numericMarkers,
  'default',
  'pattern',
  'format',
  'enum',
  'listType',
  'listMapKey',
  'mapType',
  'XValidation',
  'nullable',
  'optional',
  'required',
  'preserveUnknownFields',
  'embeddedResource',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

/** Turns TypeScript types into a structural schema (JSONSchemaProps), reading markers from doc comments. */
export class SchemaBuilder {
  readonly errors: string[] = [];

  constructor(private readonly checker: ts.TypeChecker) {}

  docOf(node: ts.Node): DocComment {
    const text = node.getSourceFile().getFullText();
    return parseDocComment(docCommentText(text, ts.getLeadingCommentRanges(text, node.getFullStart())));
  }

  /** An object type's schema: its properties (declaration order) and which of them are required. */
  objectSchema(type: ts.Type, path: string, skip: ReadonlySet<string> = new Set()): JSONSchemaProps {
    const schema: JSONSchemaProps = { type: 'object' };
    const properties: Record<string, JSONSchemaProps> = {};
    const required: string[] = [];
    for (const prop of this.checker.getPropertiesOfType(type)) {
      if (skip.has(prop.name)) continue;
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl || !ts.isPropertySignature(decl)) {
        this.errors.push(`${path}.${prop.name}: only property signatures can be fields`);
        continue;
      }
      const { schema: s, required: isRequired } = this.propertySchema(decl, `${path}.${prop.name}`);
      properties[prop.name] = s;
      if (isRequired) required.push(prop.name);
    }
    if (Object.keys(properties).length) schema.properties = properties;
    if (required.length) schema.required = required;
    const index = type.getStringIndexType();
    if (index) schema.additionalProperties = this.typeSchema(index, undefined, `${path}[*]`);
    return schema;
  }

  /** A field: its type's schema with the field's description and markers; required unless `?` or `+optional`. */
  propertySchema(decl: ts.PropertySignature, path: string): { schema: JSONSchemaProps; required: boolean } {
    const { description, markers } = this.docOf(decl);
    const type = this.checker.getTypeAtLocation(decl);
    const schema: JSONSchemaProps = {};
    if (description) schema.description = description;
    Object.assign(schema, this.typeSchema(type, decl.type, path));
    this.applyMarkers(schema, markers, path);
    const required = hasMarker(markers, 'required') || (!decl.questionToken && !hasMarker(markers, 'optional'));
    return { schema, required };
  }

  typeSchema(type: ts.Type, node: ts.TypeNode | undefined, path: string): JSONSchemaProps {
    const parts = type.isUnion() ? type.types : [type];
    const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null);
    const alias = node && this.aliasSchema(node);
    if (alias) return nullable ? { ...alias, nullable: true } : { ...alias };
    const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
    const schema = this.nonNullSchema(rest, node, path);
    return nullable ? { ...schema, nullable: true } : schema;
  }

  /** `int32`, `int32 | undefined`, `int32[]`: scalar aliases are seen in the syntax (the checker erases them). */
  private aliasSchema(node: ts.TypeNode): JSONSchemaProps | undefined {
    if (ts.isTypeReferenceNode(node)) return scalarAliases[node.typeName.getText()];
    if (ts.isUnionTypeNode(node)) {
      const kept = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      return kept.length === 1 ? this.aliasSchema(kept[0]) : undefined;
    }
    return undefined;
  }

  private nonNullSchema(types: readonly ts.Type[], node: ts.TypeNode | undefined, path: string): JSONSchemaProps {
    if (types.length === 0 || types.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return { 'x-kubernetes-preserve-unknown-fields': true };
    if (types.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { type: 'boolean' };
    if (types.every((t) => t.isStringLiteral())) return { type: 'string', enum: types.map((t) => (t as ts.StringLiteralType).value) };
    if (types.length > 1) {
      this.errors.push(`${path}: a union must be of string literals (an enum); use IntOrString for int-or-string`);
      return {};
    }
    const [type] = types;
    if (type.flags & ts.TypeFlags.StringLike) return { type: 'string' };
    if (type.flags & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (this.checker.isArrayType(type)) {
      const element = this.checker.getTypeArguments(type as ts.TypeReference)[0];
      const elementNode = node && ts.isArrayTypeNode(node) ? node.elementType : undefined;
      return { type: 'array', items: this.typeSchema(element, elementNode, `${path}[*]`) };
    }
    if (type.flags & ts.TypeFlags.Object) return this.objectSchema(type, path);
    this.errors.push(`${path}: no schema for type ${this.checker.typeToString(type)}`);
    return {};
  }

  /** Markers → schema keywords, after the type's own (an explicit `+enum` or `+format` wins). */
  applyMarkers(schema: JSONSchemaProps, markers: Marker[], path: string): void {
    const s = schema as Record<string, unknown>;
    for (const m of markers) {
      if (!fieldMarkers.has(m.name)) this.errors.push(`${path}: unknown marker +${m.name}`);
      else if ((numericMarkers as readonly string[]).includes(m.name)) s[m.name] = this.number(m, path);
      else if (m.name === 'exclusiveMinimum' || m.name === 'exclusiveMaximum' || m.name === 'nullable') s[m.name] = m.value !== 'false';
      else if (m.name === 'pattern' || m.name === 'format') s[m.name] = m.value;
      else if (m.name === 'enum') s.enum = (m.value ?? '').split(';').map((v) => valueOf(v, schema.type));
      else if (m.name === 'default') s.default = valueOf(m.value ?? '', schema.type);
      else if (m.name === 'listType') s['x-kubernetes-list-type'] = m.value;
      else if (m.name === 'listMapKey') s['x-kubernetes-list-map-keys'] = [...(schema['x-kubernetes-list-map-keys'] ?? []), m.value ?? ''];
      else if (m.name === 'mapType') s['x-kubernetes-map-type'] = m.value;
      else if (m.name === 'preserveUnknownFields') s['x-kubernetes-preserve-unknown-fields'] = true;
      else if (m.name === 'embeddedResource') s['x-kubernetes-embedded-resource'] = true;
      else if (m.name === 'XValidation') s['x-kubernetes-validations'] = [...(schema['x-kubernetes-validations'] ?? []), validationRule(m, path, this.errors)];
    }
  }

  private number(m: Marker, path: string): number {
    const n = Number(m.value);
    if (m.value === undefined || m.value === '' || Number.isNaN(n)) this.errors.push(`${path}: +${m.name} needs a number, got ${JSON.stringify(m.value)}`);
    return n;
  }
}

/** A marker value as the field's type reads it: JSON where it parses (`{}`, `1`, `"a b"`), else the raw text for strings. */
function valueOf(raw: string, type: string | undefined): unknown {
  try {
    const v: unknown = JSON.parse(raw);
    if (type === 'string' && typeof v !== 'string') return raw;
    return v;
  } catch {
    return raw;
  }
}

function validationRule(m: Marker, path: string, errors: string[]): ValidationRule {
  const args = m.args ?? {};
  if (!args.rule) errors.push(`${path}: +XValidation needs rule="…"`);
  const rule: ValidationRule = { rule: args.rule ?? '' };
  for (const k of ['message', 'messageExpression', 'reason', 'fieldPath'] as const) if (args[k] !== undefined) rule[k] = args[k];
  return rule;
}
