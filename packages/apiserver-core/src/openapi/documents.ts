import type { DiscoveryState } from '../endpoints/discovery/discovery';
import type { GroupVersion } from '../runtime/object';
import type { SchemaRegistry } from '../schema/schema-registry';
import { COMPONENTS_PREFIX, scalarUnionTypes, type Definitions, type SchemaObject } from '../schema/types';
import { COMMON_DEFINITIONS, operationsOf, schemalessDefinition, type Operation } from './operations';
import type { ParameterSpec } from './parameters';

/** The version kapi reports for its OpenAPI info block (the Kubernetes API it serves). */
const INFO = { title: 'Kubernetes', version: 'v1.32.0' };

type JSONObject = Record<string, unknown>;

/** The definitions a set of operations refers to, schemaless stand-ins included. */
function definitionsFor(ops: Operation[], schemas: SchemaRegistry): Definitions {
  const roots = new Set<string>(COMMON_DEFINITIONS);
  for (const o of ops) {
    roots.add(o.response);
    if (o.body) roots.add(o.body);
  }
  const defs = schemas.closure([...roots]);
  for (const o of ops) {
    for (const name of [o.response, o.body]) {
      if (!name || defs[name]) continue;
      const list = name.endsWith('List') && o.action === 'list';
      defs[name] = list
        ? {
            type: 'object',
            properties: { items: { type: 'array', items: { $ref: COMPONENTS_PREFIX + name.slice(0, -4) } } },
            'x-kubernetes-group-version-kind': [{ ...o.gvk, kind: `${o.gvk.kind}List` }],
          }
        : schemalessDefinition(o.gvk);
    }
  }
  return defs;
}

/** Applies `f` to a schema and, depth first, to every schema nested in it. */
function mapSchema(s: SchemaObject, f: (s: SchemaObject) => SchemaObject): SchemaObject {
  const out: SchemaObject = { ...s };
  if (s.items) out.items = mapSchema(s.items, f);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = mapSchema(s.additionalProperties, f);
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, mapSchema(v, f)]));
  return f(out);
}

/** Internal schemas → OpenAPI v3 as kube-apiserver writes it: a $ref with siblings becomes allOf. */
const toV3 = (schema: SchemaObject): SchemaObject =>
  mapSchema(schema, (s) => {
    if (!s.$ref || Object.keys(s).length === 1) return s;
    const { $ref, ...rest } = s;
    return { ...rest, allOf: [{ $ref }] };
  });

/**
 * Internal schemas → Swagger 2.0 as kube-apiserver writes /openapi/v2: refs point into
 * #/definitions; Swagger 2.0 has no oneOf/anyOf (IntOrString and Quantity are plain strings there)
 * and no int-or-string keyword. Kube's v2 of its built-in types has no defaults (its generator
 * writes them into v3 only), while a custom resource's v2 keeps them: so do a group's own definitions.
 */
const toV2 = (schema: SchemaObject, builtin: boolean): SchemaObject =>
  mapSchema(schema, (s) => {
    const { 'x-kubernetes-int-or-string': _intOrString, oneOf: _oneOf, anyOf: _anyOf, default: dflt, ...rest } = s;
    const out: SchemaObject = { ...rest, ...(dflt !== undefined && !builtin ? { default: dflt } : {}) };
    if (scalarUnionTypes(s)?.includes('string')) out.type = 'string';
    if (s.$ref) out.$ref = s.$ref.replace(COMPONENTS_PREFIX, '#/definitions/');
    return out;
  });

const v3Param = (p: ParameterSpec): JSONObject => ({
  name: p.name,
  in: p.in,
  description: p.description,
  ...(p.required ? { required: true } : {}),
  schema: { type: p.type, ...(p.uniqueItems ? { uniqueItems: true } : {}) },
});

const v2Param = (p: ParameterSpec): JSONObject => ({
  name: p.name,
  in: p.in,
  description: p.description,
  type: p.type,
  ...(p.required ? { required: true } : {}),
  ...(p.uniqueItems ? { uniqueItems: true } : {}),
});

const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** /openapi/v3/apis/<group>/<version> (or api/v1): the paths of one group-version and their schemas. */
export function openAPIV3Document(gv: GroupVersion, state: DiscoveryState, schemas: SchemaRegistry): JSONObject {
  const resources = (gv.group === '' ? state.legacy.get(gv.version) : state.groups.get(gv.group)?.get(gv.version)) ?? [];
  const ops = operationsOf(gv, resources, schemas, (path) => state.patchTypesOf(gv, path));
  const paths: Record<string, JSONObject> = {};
  for (const o of ops) {
    const item = (paths[o.path] ??= { parameters: o.pathParameters.map(v3Param) });
    const ref = (name: string) => ({ schema: { $ref: COMPONENTS_PREFIX + name } });
    item[o.method] = {
      tags: [o.tag],
      description: o.description,
      operationId: o.operationId,
      parameters: o.parameters.map(v3Param),
      ...(o.body
        ? { requestBody: { content: Object.fromEntries((o.consumes ?? ['*/*']).map((t) => [t, ref(o.body!)])), ...(o.method === 'delete' ? {} : { required: true }) } }
        : {}),
      responses: {
        '200': { description: 'OK', content: Object.fromEntries(RESPONSE_TYPES.map((t) => [t, ref(o.response)])) },
        '401': { description: 'Unauthorized' },
      },
      'x-kubernetes-action': o.action,
      'x-kubernetes-group-version-kind': o.gvk,
    };
  }
  const defs = definitionsFor(ops, schemas);
  return {
    openapi: '3.0.0',
    info: INFO,
    paths,
    components: { schemas: Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, toV3(v)])) },
  };
}

/** /openapi/v2: every path of the server in one Swagger 2.0 document. */
export function openAPIV2Document(state: DiscoveryState, schemas: SchemaRegistry): JSONObject {
  const gvs: GroupVersion[] = [
    ...[...state.legacy.keys()].map((version) => ({ group: '', version })),
    ...[...state.groups.entries()].flatMap(([group, vs]) => [...vs.keys()].map((version) => ({ group, version }))),
  ];
  // Group-versions of aggregated servers: their own documents are merged below.
  const ops = gvs
    .filter((gv) => !state.remoteOpenAPIOf(gv))
    .flatMap((gv) =>
      operationsOf(gv, (gv.group === '' ? state.legacy.get(gv.version) : state.groups.get(gv.group)?.get(gv.version)) ?? [], schemas, (path) => state.patchTypesOf(gv, path)),
    );
  const paths: Record<string, JSONObject> = {};
  for (const o of ops) {
    const item = (paths[o.path] ??= { parameters: o.pathParameters.map(v2Param) });
    const body = o.body ? [{ name: 'body', in: 'body', required: o.method !== 'delete', schema: { $ref: `#/definitions/${o.body}` } }] : [];
    item[o.method] = {
      description: o.description,
      consumes: o.consumes ?? ['*/*'],
      produces: RESPONSE_TYPES,
      schemes: ['https'],
      tags: [o.tag],
      operationId: o.operationId,
      parameters: [...body, ...o.parameters.map(v2Param)],
      responses: { '200': { description: 'OK', schema: { $ref: `#/definitions/${o.response}` } }, '401': { description: 'Unauthorized' } },
      'x-kubernetes-action': o.action,
      'x-kubernetes-group-version-kind': o.gvk,
    };
  }
  const defs = definitionsFor(ops, schemas);
  const definitions: Record<string, unknown> = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, toV2(v, schemas.isBuiltin(k))]));
  for (const gv of gvs) {
    const remote = state.remoteOpenAPIOf(gv)?.v2 as { paths?: Record<string, JSONObject>; definitions?: Record<string, unknown> } | undefined;
    if (!remote) continue;
    // The aggregated server's paths are its group-version's alone; its definitions do not replace the server's own.
    for (const [p, item] of Object.entries(remote.paths ?? {})) if (p.startsWith(`/apis/${gv.group}/${gv.version}/`)) paths[p] = item;
    for (const [name, def] of Object.entries(remote.definitions ?? {})) definitions[name] ??= def;
  }
  return {
    swagger: '2.0',
    info: INFO,
    paths,
    definitions: definitions as JSONObject,
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}
