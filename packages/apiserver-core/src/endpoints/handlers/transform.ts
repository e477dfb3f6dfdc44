import type { Context } from 'koa';
import { newBadRequest, newNotAcceptable } from '../../api/errors';
import { groupVersionString, type KList, type KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import { isTableConvertor } from '../../rest/interfaces';
import type { TableOptions } from '../../rest/table';
import { parseMediaTypes, type Encoding } from '../negotiation';
import type { RequestScope } from './request-scope';
import { writeObject, writeRaw } from './response';
import { rawJSONResponse } from '../../runtime/raw-json';

/** What a response is turned into: the object itself, a Table, or metadata only. */
export type TargetKind = 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList';

export interface OutputTarget {
  encoding: Encoding;
  /** meta.k8s.io version of a transformed response (v1 or v1beta1). */
  as?: { kind: TargetKind; version: string };
}

const serializable: Record<string, Encoding> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/*': 'json',
  '*/*': 'json',
};

/** The media types kube-apiserver lists in a 406 (protobuf is listed once request decoding knows it). */
export const acceptedMediaTypes = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/**
 * NegotiateOutputMediaType with endpoint restrictions: the first Accept clause we can serve wins;
 * `as=Table` needs a TableConvertor and JSON/YAML, `as=PartialObjectMetadata[List]` works for any
 * resource; clauses asking for other kinds or groups are skipped. Nothing servable → 406.
 */
export function negotiateTarget(ctx: Context, scope: RequestScope): OutputTarget {
  for (const mt of parseMediaTypes(ctx.get('Accept') || undefined)) {
    const encoding = serializable[mt.type];
    if (!encoding) continue;
    const { as, g, v } = mt.params;
    if (as === undefined) {
      if (g === undefined && v === undefined) return { encoding };
      continue;
    }
    if (g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
    if (as === 'Table' && isTableConvertor(scope.storage)) return { encoding, as: { kind: 'Table', version: v } };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { encoding, as: { kind: as, version: v } };
  }
  throw newNotAcceptable(`only the following media types are accepted: ${acceptedMediaTypes.join(', ')}`);
}

/** metav1.TableOptions from the query; an unknown includeObject is a 400. */
export function tableOptionsOf(ctx: Context): TableOptions {
  const v = ctx.query.includeObject;
  const value = Array.isArray(v) ? v[0] : v;
  if (value === undefined || value === '') return {};
  if (value !== 'None' && value !== 'Metadata' && value !== 'Object') throw newBadRequest(`unrecognized includeObject value: "${value}"`);
  return { includeObject: value };
}

function isList(obj: KObject | KList): obj is KList {
  return Array.isArray((obj as KList).items);
}

function partial(obj: KObject, version: string): KObject {
  return { apiVersion: `meta.k8s.io/${version}`, kind: 'PartialObjectMetadata', metadata: obj.metadata ?? {} };
}

/**
 * transformResponseObject: the served object in the negotiated form. Objects carry their
 * apiVersion/kind; lists get the `<Kind>List` kind of the scope.
 */
export async function transformObject(rctx: RequestContext, scope: RequestScope, obj: KObject | KList, target: OutputTarget, tableOptions: TableOptions = {}): Promise<unknown> {
  const apiVersion = groupVersionString(scope.kind);
  if (obj.kind === 'Status') return obj;
  const typed = isList(obj)
    ? { apiVersion, kind: `${scope.kind.kind}List`, ...obj, items: obj.items.map((i) => withKind(i, apiVersion, scope.kind.kind)) }
    : withKind(obj, apiVersion, scope.kind.kind);
  switch (target.as?.kind) {
    case undefined:
      return typed;
    case 'Table': {
      if (!isTableConvertor(scope.storage)) throw newNotAcceptable('the resource does not support Table output');
      const table = await scope.storage.convertToTable(rctx, typed, tableOptions);
      return { ...table, apiVersion: `meta.k8s.io/${target.as.version}` };
    }
    case 'PartialObjectMetadata':
      if (isList(typed)) throw newNotAcceptable('you requested PartialObjectMetadata, but the requested object is a list');
      return partial(typed, target.as.version);
    case 'PartialObjectMetadataList':
      if (!isList(typed)) throw newNotAcceptable('you requested PartialObjectMetadataList, but the requested object is not a list');
      return {
        apiVersion: `meta.k8s.io/${target.as.version}`,
        kind: 'PartialObjectMetadataList',
        metadata: typed.metadata ?? {},
        items: typed.items.map((i) => partial(i, target.as!.version)),
      };
  }
}

/** The object with its apiVersion/kind, as kube-apiserver's encoder writes them. */
export function withKind(obj: KObject, apiVersion: string, kind: string): KObject {
  return obj.apiVersion && obj.kind ? obj : { apiVersion, kind, ...obj };
}

/** Negotiates (unless the handler already did), transforms and writes an API object: how every verb's handler ends. */
export async function writeResponseObject(
  ctx: Context,
  rctx: RequestContext,
  scope: RequestScope,
  code: number,
  obj: KObject | KList,
  target: OutputTarget = negotiateTarget(ctx, scope),
): Promise<void> {
  const raw = target.encoding === 'json' && !target.as ? rawJSONResponse(obj) : undefined;
  if (raw !== undefined) {
    writeRaw(ctx, code, raw);
    return;
  }
  const out = await transformObject(rctx, scope, obj, target, target.as?.kind === 'Table' ? tableOptionsOf(ctx) : {});
  writeObject(ctx, code, out, target.encoding);
}
