import type { Context } from 'koa';
import { newBadRequest, newRequestEntityTooLarge } from '../../api/errors';
import { parseGroupVersion, groupVersionString, type KObject } from '../../runtime/object';
import { decodeBody } from '../negotiation';
import type { RequestScope } from './request-scope';
import { logRequestObject } from '../../audit/context';

/** Reads the raw body, refusing more than the limit with 413 before buffering it all. */
export async function readBody(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > limit) throw newRequestEntityTooLarge(`limit is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw newRequestEntityTooLarge(`limit is ${limit}`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Decodes a body into the kind this path serves; a different apiVersion or kind is a 400, as kube-apiserver answers. */
export async function readObject(ctx: Context, scope: RequestScope): Promise<KObject> {
  const raw = await readBody(ctx, scope.maxRequestBodyBytes);
  if (raw.length === 0) throw newBadRequest('the body of the request was empty');
  // Kept for strict field validation, which reports duplicate fields JSON.parse cannot see.
  ctx.state.rawBody = raw;
  const obj = decodeBody(ctx.get('Content-Type'), raw, scope.protobufMessages);
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw newBadRequest('the body of the request must be an object');
  const kobj = obj as KObject;
  const expected = groupVersionString(scope.kind);
  if (kobj.apiVersion === undefined && kobj.kind === undefined) {
    const typed = { apiVersion: expected, kind: scope.kind.kind, ...kobj };
    logRequestObject(ctx.state, typed);
    return typed;
  }
  if (!kobj.kind) throw newBadRequest(`Object 'Kind' is missing in '${raw.toString('utf8').slice(0, 200)}'`);
  const gv = parseGroupVersion(String(kobj.apiVersion ?? ''));
  if (groupVersionString(gv) !== expected) {
    throw newBadRequest(`the API version in the data (${kobj.apiVersion ?? ''}) does not match the expected API version (${expected})`);
  }
  if (kobj.kind !== scope.kind.kind) throw newBadRequest(`the kind in the data (${kobj.kind}) does not match the expected kind (${scope.kind.kind})`);
  if (kobj.metadata !== undefined && (kobj.metadata === null || typeof kobj.metadata !== 'object' || Array.isArray(kobj.metadata))) {
    throw newBadRequest('metadata must be an object');
  }
  logRequestObject(ctx.state, kobj);
  return kobj;
}
