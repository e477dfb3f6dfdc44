import type { Context } from 'koa';
import { newBadRequest } from '../../api/errors';
import type { RequestContext } from '../../rest/context';
import type { CollectionDeleter, GracefulDeleter, Storage } from '../../rest/interfaces';
import type { DeleteOptions } from '../../rest/options';
import { decodeBody } from '../negotiation';
import { readBody } from './body';
import { deleteOptionsFromQuery, parseListOptions } from './query';
import type { RequestScope } from './request-scope';
import { writeObject } from './response';

/** DeleteOptions from the body (kubectl sends them there) merged over those in the query. */
async function deleteOptions(ctx: Context, scope: RequestScope): Promise<DeleteOptions> {
  const opts = deleteOptionsFromQuery(ctx);
  const raw = await readBody(ctx, scope.maxRequestBodyBytes);
  if (raw.length === 0) return opts;
  const body = decodeBody(ctx.get('Content-Type'), raw) as DeleteOptions & { kind?: string };
  if (!body || typeof body !== 'object') throw newBadRequest('DeleteOptions must be an object');
  return { ...opts, ...body };
}

/** DELETE: 200 with the object (or Status) when gone, 202 when finalizers keep it for now. */
export async function deleteResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const opts = await deleteOptions(ctx, scope);
  const { obj, deleted } = await (scope.storage as Storage & GracefulDeleter).delete(rctx, name, undefined, opts);
  writeObject(ctx, deleted ? 200 : 202, obj);
}

/** DELETE on a collection: every object the selectors match. */
export async function deleteCollection(ctx: Context, rctx: RequestContext, scope: RequestScope): Promise<void> {
  const opts = await deleteOptions(ctx, scope);
  const list = await (scope.storage as Storage & CollectionDeleter).deleteCollection(rctx, undefined, opts, parseListOptions(ctx));
  writeObject(ctx, 200, list);
}
