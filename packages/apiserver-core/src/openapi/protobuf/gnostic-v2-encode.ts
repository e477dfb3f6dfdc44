import { jsYaml } from '../../util/yaml';
import { gnosticDocumentType } from './gnostic-v2-schema';

type JSONObject = Record<string, unknown>;
type Message = Record<string, unknown>;

const isObject = (v: unknown): v is JSONObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `operationId` → `operation_id`, `$ref` → `_ref`: the .proto's field names. */
const snake = (key: string): string => key.replace(/^\$/, '_').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * gnostic keeps free-form values (vendor extensions, `default`, `enum`, `example`) as the YAML
 * text of the value; client-go's readers (kube-openapi's VendorExtensionToMap, kubectl's GVK
 * lookups) unmarshal that text again.
 */
const anyOf = (value: unknown): Message => ({ yaml: jsYaml().dump(value, { lineWidth: -1, noRefs: true }) });

const vendorExtensions = (o: JSONObject): Message[] =>
  Object.entries(o)
    .filter(([k]) => k.startsWith('x-'))
    .map(([name, value]) => ({ name, value: anyOf(value) }));

/** Copies the scalar and string-list fields named, leaving out what proto3 would not write. */
function scalars(o: JSONObject, keys: readonly string[], out: Message = {}): Message {
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[snake(k)] = v;
  }
  return out;
}

function withExtensions(o: JSONObject, out: Message): Message {
  const ext = vendorExtensions(o);
  if (ext.length) out.vendor_extension = ext;
  return out;
}

/** `default`, `enum` and `example` (of schemas and parameters) as gnostic's Any. */
function withValues(o: JSONObject, out: Message): Message {
  if (o.default !== undefined) out.default = anyOf(o.default);
  if (o.example !== undefined) out.example = anyOf(o.example);
  if (Array.isArray(o.enum)) out.enum = o.enum.map(anyOf);
  return withExtensions(o, out);
}

const SCHEMA_SCALARS = [
  '$ref',
  'format',
  'title',
  'description',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'discriminator',
  'readOnly',
] as const;

const namedSchemas = (o: unknown): Message => ({
  additional_properties: Object.entries(isObject(o) ? o : {}).map(([name, s]) => ({ name, value: schema(s) })),
});

/** A Swagger 2.0 schema object; keywords Swagger 2.0 does not have are left out, as gnostic cannot hold them. */
function schema(json: unknown): Message {
  const s = isObject(json) ? json : {};
  const out = scalars(s, SCHEMA_SCALARS);
  if (s.type !== undefined) out.type = { value: Array.isArray(s.type) ? s.type : [s.type] };
  if (s.items !== undefined) out.items = { schema: (Array.isArray(s.items) ? s.items : [s.items]).map(schema) };
  if (typeof s.additionalProperties === 'boolean') out.additional_properties = { boolean: s.additionalProperties };
  else if (s.additionalProperties !== undefined) out.additional_properties = { schema: schema(s.additionalProperties) };
  if (Array.isArray(s.allOf)) out.all_of = s.allOf.map(schema);
  if (s.properties !== undefined) out.properties = namedSchemas(s.properties);
  return withValues(s, out);
}

const NON_BODY = {
  query: ['query_parameter_sub_schema', ['required', 'in', 'description', 'name', 'allowEmptyValue', 'type', 'format', 'uniqueItems']],
  path: ['path_parameter_sub_schema', ['required', 'in', 'description', 'name', 'type', 'format', 'uniqueItems']],
  header: ['header_parameter_sub_schema', ['required', 'in', 'description', 'name', 'type', 'format', 'uniqueItems']],
} as const;

/** A parameter or a reference to one (gnostic's ParametersItem); form-data parameters are not served by kapi. */
function parametersItem(json: unknown): Message | undefined {
  const p = isObject(json) ? json : {};
  if (typeof p.$ref === 'string') return { json_reference: scalars(p, ['$ref', 'description']) };
  if (p.in === 'body') {
    const body = scalars(p, ['description', 'name', 'in', 'required']);
    if (p.schema !== undefined) body.schema = schema(p.schema);
    return { parameter: { body_parameter: withExtensions(p, body) } };
  }
  const kind = NON_BODY[p.in as keyof typeof NON_BODY];
  if (!kind) return undefined;
  return { parameter: { non_body_parameter: { [kind[0]]: withValues(p, scalars(p, kind[1])) } } };
}

const parameters = (list: unknown): Message[] => (Array.isArray(list) ? list : []).map(parametersItem).filter((p): p is Message => p !== undefined);

function responses(json: unknown): Message {
  const r = isObject(json) ? json : {};
  const codes = Object.entries(r)
    .filter(([k]) => !k.startsWith('x-'))
    .map(([name, v]) => {
      const resp = isObject(v) ? v : {};
      if (typeof resp.$ref === 'string') return { name, value: { json_reference: scalars(resp, ['$ref', 'description']) } };
      const out = scalars(resp, ['description']);
      if (resp.schema !== undefined) out.schema = { schema: schema(resp.schema) };
      return { name, value: { response: withExtensions(resp, out) } };
    });
  return withExtensions(r, { response_code: codes });
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

function operation(json: unknown): Message {
  const o = isObject(json) ? json : {};
  const out = scalars(o, ['tags', 'summary', 'description', 'operationId', 'produces', 'consumes', 'schemes', 'deprecated']);
  if (o.parameters !== undefined) out.parameters = parameters(o.parameters);
  if (o.responses !== undefined) out.responses = responses(o.responses);
  if (Array.isArray(o.security)) out.security = o.security.map(securityRequirement);
  return withExtensions(o, out);
}

function pathItem(json: unknown): Message {
  const item = isObject(json) ? json : {};
  const out = scalars(item, ['$ref']);
  for (const m of METHODS) if (item[m] !== undefined) out[m] = operation(item[m]);
  if (item.parameters !== undefined) out.parameters = parameters(item.parameters);
  return withExtensions(item, out);
}

const securityRequirement = (json: unknown): Message => ({
  additional_properties: Object.entries(isObject(json) ? json : {}).map(([name, scopes]) => ({ name, value: { value: Array.isArray(scopes) ? scopes : [] } })),
});

/** API-key and basic schemes, the ones an apiserver advertises; OAuth2 flows are left out. */
function securityDefinitions(json: unknown): Message {
  const items = Object.entries(isObject(json) ? json : {}).flatMap(([name, v]): Message[] => {
    const d = isObject(v) ? v : {};
    if (d.type === 'apiKey') return [{ name, value: { api_key_security: withExtensions(d, scalars(d, ['type', 'name', 'in', 'description'])) } }];
    if (d.type === 'basic') return [{ name, value: { basic_authentication_security: withExtensions(d, scalars(d, ['type', 'description'])) } }];
    return [];
  });
  return { additional_properties: items };
}

/** A Swagger 2.0 document as gnostic's `openapi.v2.Document` message, the fields gnostic's parser would fill. */
export function gnosticDocument(doc: JSONObject): Message {
  const out = scalars(doc, ['swagger', 'host', 'basePath', 'schemes', 'consumes', 'produces']);
  if (isObject(doc.info)) out.info = withExtensions(doc.info, scalars(doc.info, ['title', 'version', 'description']));
  if (isObject(doc.paths)) {
    const paths = doc.paths;
    out.paths = {
      vendor_extension: vendorExtensions(paths),
      path: Object.entries(paths)
        .filter(([k]) => !k.startsWith('x-'))
        .map(([name, item]) => ({ name, value: pathItem(item) })),
    };
  }
  if (doc.definitions !== undefined) out.definitions = namedSchemas(doc.definitions);
  if (Array.isArray(doc.security)) out.security = doc.security.map(securityRequirement);
  if (doc.securityDefinitions !== undefined) out.security_definitions = securityDefinitions(doc.securityDefinitions);
  return withExtensions(doc, out);
}

/**
 * The bytes kube-apiserver serves as `application/com.github.proto-openapi.spec.v2.v1.0+protobuf`:
 * the JSON document parsed into gnostic's message and marshalled (kube-openapi's ToProtoBinary).
 */
export function encodeOpenAPIV2Protobuf(doc: JSONObject): Uint8Array {
  const type = gnosticDocumentType();
  return type.encode(type.fromObject(gnosticDocument(doc))).finish();
}
