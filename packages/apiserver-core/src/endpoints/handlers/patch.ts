import type { Context } from 'koa';
import { applyPatch, type Operation } from 'fast-json-patch';
import jsonMergePatch from 'json-merge-patch';
import { newBadRequest, newNotFound, newUnsupportedMediaType, StatusError } from '../../api/errors';
import type { KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { Storage, Updater } from '../../rest/interfaces';
import { decodeBody } from '../negotiation';
import { readBody } from './body';
import { dryRunOf } from './query';
import { applyStrategicMergePatch, STRATEGIC_MERGE_PATCH } from '../../patch/strategic-merge-applier';
import { validateRequestObject } from '../../patch/request-validation';
import type { RequestScope } from './request-scope';
import { writeObject } from './response';

/** Applies one patch document to the current object; throws a StatusError for a patch that cannot apply. */
export type PatchApplier = (current: KObject, patch: unknown, scope: RequestScope) => KObject;

const jsonPatch: PatchApplier = (current, patch) => {
  if (!Array.isArray(patch)) throw newBadRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  try {
    return applyPatch(structuredClone(current), patch as Operation[], true, false).newDocument as KObject;
  } catch (err) {
    throw new StatusError(422, 'Invalid', `the server rejected our request due to an error in our request: ${(err as Error).message.split('\n')[0]}`);
  }
};

const mergePatch: PatchApplier = (current, patch) => {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw newBadRequest('merge patch must be a JSON object');
  return jsonMergePatch.apply(structuredClone(current), patch) as KObject;
};

/** Patch types by Content-Type; the schema-driven ones (strategic merge, apply) register here too. */
export const patchAppliers = new Map<string, PatchApplier>([
  ['application/json-patch+json', jsonPatch],
  ['application/merge-patch+json', mergePatch],
  [STRATEGIC_MERGE_PATCH, applyStrategicMergePatch],
]);

/** PATCH: applied to the current object inside the update loop, so a conflict retries on fresh state. */
export async function patchResource(ctx: Context, rctx: RequestContext, scope: RequestScope, name: string): Promise<void> {
  const contentType = (ctx.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  const applier = patchAppliers.get(contentType);
  if (!applier) throw newUnsupportedMediaType(contentType);
  const patch = decodeBody(contentType.endsWith('yaml') ? contentType : 'application/json', await readBody(ctx, scope.maxRequestBodyBytes));
  const { obj } = await (scope.storage as Storage & Updater).update(
    rctx,
    name,
    {
      preconditions: () => undefined,
      updatedObject: async (_ctx, old) => {
        if (!old) throw newNotFound({ group: scope.resource.group, resource: scope.resource.resource }, name);
        const patched = applier(old, patch, scope);
        if (patched.metadata?.name !== undefined && patched.metadata.name !== name) {
          throw newBadRequest(`the name of the object (${patched.metadata.name}) does not match the name on the URL (${name})`);
        }
        validateRequestObject(ctx.query, rctx, scope, patched);
        return patched;
      },
    },
    undefined,
    undefined,
    false,
    { dryRun: dryRunOf(ctx) },
  );
  writeObject(ctx, 200, obj);
}
