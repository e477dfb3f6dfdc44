import type { Context } from 'koa';
import { newBadRequest } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import { convertDecoded, type Storage, type Updater } from '../../rest/interfaces';
import { readObject } from './body';
import { dryRunOf } from './query';
import { validateRequestObject } from '../../patch/request-validation';
import { trackUpdate } from '../../fieldmanager/endpoint-support';
import { admitUpdatedObject, updateValidations } from '../../admission/request-admission';
import type { RequestScope } from './request-scope';
import { negotiateTarget, writeResponseObject } from './transform';

/**
 * PUT: the body replaces the object; its name must match the URL; its metadata.resourceVersion is
 * the precondition (409 when stale); 201 when the PUT created it (AllowCreateOnUpdate).
 */
export async function updateResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const target = negotiateTarget(ctx, scope);
  const dryRun = dryRunOf(ctx, 'UpdateOptions');
  const obj = await readObject(ctx, scope);
  validateRequestObject(ctx.query, rctx, scope, obj, ctx.state.rawBody as Buffer | undefined);
  convertDecoded(scope.storage, obj);
  const bodyName = obj.metadata?.name;
  if (bodyName !== undefined && bodyName !== name) {
    throw newBadRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  }
  obj.metadata = { ...(obj.metadata ?? {}), name };
  const opts = { dryRun, fieldManager: typeof ctx.query.fieldManager === 'string' ? ctx.query.fieldManager : undefined };
  const validations = updateValidations(scope, rctx, name, opts);
  const { obj: out, created } = await (scope.storage as Storage & Updater).update(
    rctx,
    name,
    {
      // defaultUpdatedObjectInfo: a uid in the body is a precondition (no overwriting a namesake that replaced it).
      preconditions: () => (obj.metadata?.uid ? { uid: obj.metadata.uid } : undefined),
      updatedObject: async (_ctx, old) => admitUpdatedObject(scope, rctx, name, opts, trackUpdate(scope, rctx, ctx.query, old, structuredClone(obj) as KObject), old),
    },
    validations.createValidation,
    validations.updateValidation,
    false,
    opts,
  );
  await writeResponseObject(ctx, rctx, scope, created ? 201 : 200, out, target);
}
