import { newConflict, newInternalError } from '../../../api/errors';
import { metaTime } from '../../../runtime/meta-time';
import { metaOf, type KObject } from '../../../runtime/object';
import type { RequestContext } from '../../../rest/context';
import type { DeleteOptions } from '../../../rest/options';
import type { GarbageCollectionPolicy, RESTCreateStrategy, RESTDeleteStrategy } from '../../../rest/strategy';

/** metav1.FinalizerOrphanDependents / FinalizerDeleteDependents: the garbage collector's finalizers. */
export const finalizerOrphanDependents = 'orphan';
export const finalizerDeleteDependents = 'foregroundDeletion';

/**
 * rest.BeforeDelete: checks the UID precondition, then decides whether the deletion is graceful
 * (the strategy sets a grace period: deletionTimestamp in the future) or already pending.
 */
export function beforeDelete(
  strategy: RESTDeleteStrategy | undefined,
  kind: RESTCreateStrategy['kind'] | undefined,
  ctx: RequestContext,
  obj: KObject,
  opts: DeleteOptions,
  /** The clock's time (Store.clock), so a test can move graceful deletion. */
  now = Date.now(),
): { graceful: boolean; pending: boolean } {
  const meta = metaOf(obj);
  const uid = opts.preconditions?.uid;
  if (uid && uid !== meta.uid) {
    // kube-apiserver names the kind here (not the resource): "Operation cannot be fulfilled on ConfigMap …".
    throw newConflict(
      { group: kind?.group ?? '', resource: kind?.kind ?? '' },
      meta.name ?? '',
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${meta.uid ?? ''}`,
    );
  }
  if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < 0) opts.gracePeriodSeconds = 1;
  if (!strategy?.checkGracefulDelete) return { graceful: false, pending: false };
  if (meta.deletionTimestamp) {
    const current = meta.deletionGracePeriodSeconds ?? 0;
    if (current === 0) return { graceful: false, pending: false };
    // Once deleting, a grace period may only be shortened.
    if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < current) {
      const started = Date.parse(String(meta.deletionTimestamp)) - current * 1000;
      meta.deletionTimestamp = metaTime(started + opts.gracePeriodSeconds * 1000) as unknown as typeof meta.deletionTimestamp;
      meta.deletionGracePeriodSeconds = opts.gracePeriodSeconds;
      return { graceful: true, pending: false };
    }
    return { graceful: false, pending: true };
  }
  if (!strategy.checkGracefulDelete(ctx, obj, opts)) return { graceful: false, pending: false };
  if (opts.gracePeriodSeconds === undefined) throw newInternalError(new Error('options.GracePeriodSeconds should not be nil'));
  meta.deletionTimestamp = metaTime(now + opts.gracePeriodSeconds * 1000) as unknown as typeof meta.deletionTimestamp;
  meta.deletionGracePeriodSeconds = opts.gracePeriodSeconds;
  if ((meta.generation ?? 0) > 0) meta.generation = meta.generation! + 1;
  return { graceful: true, pending: false };
}

/** shouldOrphanDependents / shouldDeleteDependents: the options win, then the object's finalizers, then the kind's default. */
function gcIntent(obj: KObject, opts: DeleteOptions, defaultPolicy: GarbageCollectionPolicy): { orphan: boolean; foreground: boolean } {
  if (defaultPolicy === 'Unsupported') return { orphan: false, foreground: false };
  if (opts.orphanDependents !== undefined) return { orphan: opts.orphanDependents, foreground: false };
  switch (opts.propagationPolicy) {
    case 'Orphan':
      return { orphan: true, foreground: false };
    case 'Foreground':
      return { orphan: false, foreground: true };
    case 'Background':
      return { orphan: false, foreground: false };
  }
  const finalizers = obj.metadata?.finalizers ?? [];
  for (const f of finalizers) {
    if (f === finalizerOrphanDependents) return { orphan: true, foreground: false };
    if (f === finalizerDeleteDependents) return { orphan: false, foreground: true };
  }
  return { orphan: defaultPolicy === 'OrphanDependents', foreground: false };
}

/**
 * deletionFinalizersForGarbageCollection: with the garbage collector on, orphan and foreground
 * deletion are finalizers the collector removes once dependents are handled.
 */
export function finalizersForGarbageCollection(
  enabled: boolean,
  obj: KObject,
  opts: DeleteOptions,
  defaultPolicy: GarbageCollectionPolicy = 'DeleteDependents',
): string[] | undefined {
  if (!enabled) return undefined;
  const { orphan, foreground } = gcIntent(obj, opts, defaultPolicy);
  const old = obj.metadata?.finalizers ?? [];
  const next = old.filter((f) => f !== finalizerOrphanDependents && f !== finalizerDeleteDependents);
  if (orphan) next.push(finalizerOrphanDependents);
  if (foreground) next.push(finalizerDeleteDependents);
  const same = new Set(old).size === new Set(next).size && next.every((f) => old.includes(f));
  return same ? undefined : next;
}

/** markAsDeleting: deletionTimestamp now (unless earlier already), grace period 0, generation bumped once. */
export function markAsDeleting(obj: KObject, now = Date.now()): void {
  const meta = metaOf(obj);
  if (!meta.deletionTimestamp && (meta.generation ?? 0) > 0) meta.generation = meta.generation! + 1;
  const existing = meta.deletionTimestamp ? Date.parse(String(meta.deletionTimestamp)) : undefined;
  if (existing === undefined || existing > now) meta.deletionTimestamp = metaTime(now) as unknown as typeof meta.deletionTimestamp;
  meta.deletionGracePeriodSeconds = 0;
}

/** shouldDeleteDuringUpdate: the update that removes the last finalizer of a deleting object removes it. */
export function shouldDeleteDuringUpdate(obj: KObject, existing: KObject): boolean {
  if ((obj.metadata?.finalizers?.length ?? 0) > 0) return false;
  const old = existing.metadata ?? {};
  if (!old.deletionTimestamp) return false;
  return (old.deletionGracePeriodSeconds ?? 0) === 0;
}
