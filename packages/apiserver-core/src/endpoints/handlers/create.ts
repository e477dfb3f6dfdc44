import type { Context } from 'koa';
import type { RequestContext } from '../../rest/context';
import { convertDecoded, type Creater, type Storage } from '../../rest/interfaces';
import { readObject } from './body';
import { dryRunOf } from './query';
import { validateRequestObject } from '../../patch/request-validation';
import { trackUpdate } from '../../fieldmanager/endpoint-support';
import { admitObject, validateObjectFunc, type AdmissionRequest } from '../../admission/request-admission';
import type { RequestScope } from './request-scope';
import { negotiateTarget, writeResponseObject } from './transform';

/** POST: decode, check kind and namespace, create (or, with dryRun=All, only validate), answer 201. */
export async function createResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name?: string): Promise<void> {
  const target = negotiateTarget(ctx, scope);
  const dryRun = dryRunOf(ctx, 'CreateOptions');
  const obj = await readObject(ctx, scope);
  validateRequestObject(ctx.query, rctx, scope, obj, ctx.state.rawBody as Buffer | undefined);
  convertDecoded(scope.storage, obj);
  if (name !== undefined) obj.metadata = { ...(obj.metadata ?? {}), name };
  trackUpdate(scope, rctx, ctx.query, undefined, obj);
  const opts = { dryRun, fieldManager: typeof ctx.query.fieldManager === 'string' ? ctx.query.fieldManager : undefined };
  // Mutating admission sees the decoded object before the strategy defaults it; validating admission the final one.
  const req: AdmissionRequest = { name: obj.metadata?.name ?? '', operation: 'CREATE', options: opts };
  const admitted = await admitObject(scope, rctx, req, obj);
  const out = await (scope.storage as Storage & Creater).create(rctx, admitted, validateObjectFunc(scope, rctx, req), opts);
  await writeResponseObject(ctx, rctx, scope, 201, out, target);
}
