import type { Context } from 'koa';
import type { RequestContext } from '../../rest/context';
import type { Getter, Storage } from '../../rest/interfaces';
import type { RequestScope } from './request-scope';
import { negotiateTarget, writeResponseObject } from './transform';

/** GET of one object, as JSON/YAML, a Table (kubectl get) or PartialObjectMetadata. */
export async function getResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const target = negotiateTarget(ctx, scope);
  const rv = typeof ctx.query.resourceVersion === 'string' ? ctx.query.resourceVersion : undefined;
  const obj = await (scope.storage as Storage & Getter).get(rctx, name, { resourceVersion: rv });
  await writeResponseObject(ctx, rctx, scope, 200, obj, target);
}
