import type { Context } from 'koa';
import type { RequestContext } from '../../rest/context';
import type { Connecter, Storage } from '../../rest/interfaces';
import { admitConnect } from '../../admission/request-admission';
import type { KObject } from '../../runtime/object';
import type { RequestScope } from './request-scope';
import { writeError, writeObject } from './response';

/** CONNECT-style subresources (log, exec, proxy): the storage answers the raw request itself. */
export async function serveConnect(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const storage = scope.storage as Storage & Connecter;
  const opts = { ...ctx.query } as Record<string, string | string[]>;
  if (ctx.params?.path !== undefined) opts.path = ctx.params.path;
  await admitConnect(scope, rctx, name, opts as unknown as KObject);
  const handler = await storage.connect(rctx, name, opts, {
    object: (code, obj) => writeObject(ctx, code, obj),
    error: (err) => writeError(ctx, err),
  });
  ctx.respond = false;
  await handler(ctx.req, ctx.res);
}
