import type { Context } from 'koa';
import type { Operation } from 'fast-json-patch';
import { newBadRequest, newNotFound, newRequestEntityTooLarge, StatusError } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import { convertDecoded, type Storage, type Updater } from '../../rest/interfaces';
import { decodeBody, decodeJSONBody } from '../negotiation';
import { exceededMaxDepth } from '../../runtime/decoded-limits';
import { readBody } from './body';
import { logRequestObject } from '../../audit/context';
import { dryRunOf } from './query';
import { applyJSONMergePatch } from '../../patch/json-merge-patch';
import { applyJSONPatch } from '../../patch/json-patch';
import { applyStrategicMergePatch, STRATEGIC_MERGE_PATCH } from '../../patch/strategic-merge-applier';
import { validateRequestObject } from '../../patch/request-validation';
import { APPLY_PATCH, applyConfiguration, trackUpdate, validatePatchOptions } from '../../fieldmanager/endpoint-support';
import { admitUpdatedObject, updateValidations } from '../../admission/request-admission';
import type { RequestScope } from './request-scope';
import { negotiateTarget, writeResponseObject } from './transform';

/** Applies one patch document to the current object; throws a StatusError for a patch that cannot apply. */
export type PatchApplier = (current: KObject, patch: unknown, scope: RequestScope) => KObject;

/** maxJSONPatchOperations of kube-apiserver's patcher. */
const maxJSONPatchOperations = 10000;

/** A JSON patch that does not apply (a failed test, a missing path) is a 422 whose message says no more, as kube-apiserver's. */
const jsonPatch: PatchApplier = (current, patch) => {
  if (!Array.isArray(patch)) throw newBadRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  if (patch.length > maxJSONPatchOperations) {
    throw newRequestEntityTooLarge(`The allowed maximum operations in a JSON patch is ${maxJSONPatchOperations}, got ${patch.length}`);
  }
  try {
    return applyJSONPatch(current, patch as Operation[]) as KObject;
  } catch {
    throw new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
  }
};

const mergePatch: PatchApplier = (current, patch) => {
  if (patch === null) throw newBadRequest('Invalid JSON Patch');
  if (typeof patch !== 'object' || Array.isArray(patch)) {
    throw newBadRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  }
  return applyJSONMergePatch(structuredClone(current), patch) as KObject;
};

/** Patch types by Content-Type; the schema-driven ones (strategic merge, apply) register here too. */
export const patchAppliers = new Map<string, PatchApplier>([
  ['application/json-patch+json', jsonPatch],
  ['application/merge-patch+json', mergePatch],
  [STRATEGIC_MERGE_PATCH, applyStrategicMergePatch],
  // Server-side apply; the handler calls the field manager itself (it needs the manager and force).
  [APPLY_PATCH, (current, patch, scope) => applyConfiguration(scope, {}, current, patch)],
]);

/** Patch types that create a missing object (server-side apply); the others answer 404 for it. */
export const patchTypesCreatingMissing = new Set<string>([APPLY_PATCH]);

function decodePatch(contentType: string, raw: Buffer): unknown {
  if (contentType.endsWith('yaml')) return decodeBody(contentType, raw);
  try {
    return decodeJSONBody(raw, '');
  } catch (err) {
    // A syntax error in a merge patch is kube's "Invalid JSON Patch"; a limit (depth, size) keeps its own text.
    if (contentType === 'application/merge-patch+json' && !(err as Error).message.startsWith(exceededMaxDepth)) throw newBadRequest('Invalid JSON Patch');
    throw err;
  }
}

/**
 * PATCH: the patch is applied to the current object inside the update loop, so a write that
 * lost a race retries on fresh state (the patcher's retry on conflict); a resourceVersion the
 * patch itself sets is a precondition, as on PUT.
 */
export async function patchResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const contentType = (ctx.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  const accepted = scope.patchTypes ?? [...patchAppliers.keys()];
  const applier = accepted.includes(contentType) ? patchAppliers.get(contentType) : undefined;
  if (!applier) {
    throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
  }
  validatePatchOptions(contentType, ctx.query);
  const target = negotiateTarget(ctx, scope);
  const dryRun = dryRunOf(ctx, 'PatchOptions');
  const patch = decodePatch(contentType, await readBody(ctx, scope.maxRequestBodyBytes));
  logRequestObject(ctx.state, patch);
  const createsMissing = patchTypesCreatingMissing.has(contentType);
  const opts = { dryRun, fieldManager: typeof ctx.query.fieldManager === 'string' ? ctx.query.fieldManager : undefined };
  const validations = updateValidations(scope, rctx, name, opts);
  const { obj, created } = await (scope.storage as Storage & Updater).update(
    rctx,
    name,
    {
      preconditions: () => undefined,
      updatedObject: async (_ctx, old) => {
        if (!old && !createsMissing) throw newNotFound({ group: scope.resource.group, resource: scope.resource.resource }, name);
        const base = old ?? { ...scope.storage.newObject(), metadata: { name, ...(rctx.namespace ? { namespace: rctx.namespace } : {}) } };
        const patched = contentType === APPLY_PATCH ? applyConfiguration(scope, ctx.query, old, patch) : applier(base, patch, scope);
        if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw newBadRequest('the patched object must be a JSON object');
        if (patched.metadata?.name !== undefined && patched.metadata.name !== name) {
          throw newBadRequest(`the name of the object (${patched.metadata.name}) does not match the name on the URL (${name})`);
        }
        validateRequestObject(ctx.query, rctx, scope, patched);
        convertDecoded(scope.storage, patched);
        const tracked = contentType === APPLY_PATCH ? patched : trackUpdate(scope, rctx, ctx.query, old, patched);
        // patcher.applyAdmission: mutating admission runs on the object the patch (or apply) produced.
        return admitUpdatedObject(scope, rctx, name, opts, tracked, old);
      },
    },
    validations.createValidation,
    validations.updateValidation,
    createsMissing,
    opts,
  );
  await writeResponseObject(ctx, rctx, scope, created ? 201 : 200, obj, target);
}
