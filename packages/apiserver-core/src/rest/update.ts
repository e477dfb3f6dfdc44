import { newInvalid } from '../api/errors';
import { dropEmptyMetaLists, metaOf, type KObject } from '../runtime/object';
import { validateObjectMetaUpdate } from '../validation/objectmeta';
import { addWarning, type RequestContext } from './context';
import { checkNamespace } from './create';
import type { RESTUpdateStrategy } from './strategy';

/**
 * rest.BeforeUpdate: the client cannot change generation, uid, creationTimestamp or a deletion in
 * progress; the strategy keeps what this endpoint may not touch; then common and kind validation.
 */
export function beforeUpdate(strategy: RESTUpdateStrategy, ctx: RequestContext, obj: KObject, old: KObject): void {
  checkNamespace(ctx, obj, strategy.namespaceScoped());
  const given = metaOf(obj);
  const oldMeta = metaOf(old);
  if (oldMeta.generation !== undefined) given.generation = oldMeta.generation;
  else delete given.generation;
  strategy.prepareForUpdate(ctx, obj, old);
  // The strategy may have replaced metadata (`obj.metadata = {...}`): read it again.
  const meta = metaOf(obj);
  if (!meta.uid) meta.uid = oldMeta.uid;
  if (oldMeta.creationTimestamp) meta.creationTimestamp = oldMeta.creationTimestamp;
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  const errs = [...validateObjectMetaUpdate(meta, oldMeta), ...strategy.validateUpdate(ctx, obj, old)];
  if (errs.length) throw newInvalid(strategy.kind, meta.name ?? '', errs);
  for (const w of strategy.warningsOnUpdate?.(ctx, obj, old) ?? []) addWarning(ctx, w);
  strategy.canonicalize(obj);
  dropEmptyMetaLists(obj);
}
