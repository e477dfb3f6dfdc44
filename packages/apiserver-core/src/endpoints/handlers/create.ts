import type { Context } from 'koa';
import type { RequestContext } from '../../rest/context';
import type { Creater, Storage } from '../../rest/interfaces';
import { readObject } from './body';
import { dryRunOf } from './query';
import { validateRequestObject } from '../../patch/request-validation';
import type { RequestScope } from './request-scope';
import { writeObject } from './response';

/** POST: decode, check kind and namespace, create, answer 201 with the stored object. */
export async function createResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name?: string): Promise<void> {
  const obj = await readObject(ctx, scope);
  validateRequestObject(ctx.query, rctx, scope, obj, ctx.state.rawBody as Buffer | undefined);
  if (name !== undefined) obj.metadata = { ...(obj.metadata ?? {}), name };
  const out = await (scope.storage as Storage & Creater).create(rctx, obj, undefined, {
    dryRun: dryRunOf(ctx),
    fieldManager: typeof ctx.query.fieldManager === 'string' ? ctx.query.fieldManager : undefined,
  });
  writeObject(ctx, 201, out);
}
