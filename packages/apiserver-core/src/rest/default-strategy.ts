import type { GroupVersionKind, KObject } from '../runtime/object';
import type { ErrorList } from '../validation/field';
import type { RequestContext } from './context';
import type { RESTStrategy } from './strategy';
import { semanticEqual } from '../api/equality/semantic';

/**
 * The defaults most kinds share (rest.RESTCreateStrategy etc. embedded in Go strategies): override
 * what differs. Updates need a resourceVersion unless a subclass allows unconditional ones.
 */
export abstract class DefaultStrategy implements RESTStrategy {
  abstract readonly kind: GroupVersionKind;
  abstract namespaceScoped(): boolean;

  prepareForCreate(_ctx: RequestContext, _obj: KObject): void {}
  validate(_ctx: RequestContext, _obj: KObject): ErrorList {
    return [];
  }
  canonicalize(_obj: KObject): void {}
  allowCreateOnUpdate(): boolean {
    return false;
  }
  allowUnconditionalUpdate(): boolean {
    return true;
  }
  prepareForUpdate(_ctx: RequestContext, _obj: KObject, _old: KObject): void {}
  validateUpdate(_ctx: RequestContext, _obj: KObject, _old: KObject): ErrorList {
    return [];
  }
  /** No graceful period by default: deletion is immediate unless finalizers hold the object. */
  checkGracefulDelete(_ctx: RequestContext, _obj: KObject, _opts: { gracePeriodSeconds?: number }): boolean {
    return false;
  }
}

/** A kind with status: create drops the status the client sent; an update keeps the stored one. */
export function resetStatusOnCreate(obj: KObject): void {
  delete obj.status;
}

export function keepStatusOnUpdate(obj: KObject, old: KObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = old.status;
}

/** The metadata a status write may not change (metav1.ResetObjectMetaForStatus): managed fields excepted. */
const statusKeptMetadata = ['deletionTimestamp', 'generation', 'selfLink', 'labels', 'annotations', 'finalizers', 'ownerReferences'] as const;

/** Puts back the metadata a `/status` write tried to change, for the kinds whose status strategy does so in kube. */
export function resetObjectMetaForStatus(obj: KObject, old: KObject): void {
  const meta: Record<string, unknown> = { ...obj.metadata };
  const oldMeta: Record<string, unknown> = { ...old.metadata };
  for (const key of statusKeptMetadata) {
    if (oldMeta[key] === undefined) delete meta[key];
    else meta[key] = oldMeta[key];
  }
  obj.metadata = meta as KObject['metadata'];
}

/** A spec change bumps metadata.generation (starting at 1 on create), as kube-apiserver's strategies do. */
export function bumpGenerationOnSpecChange(obj: KObject, old: KObject): void {
  // Compared as values: the same spec with its keys in another order is no change.
  if (!semanticEqual(obj.spec ?? null, old.spec ?? null)) {
    obj.metadata = { ...obj.metadata, generation: (old.metadata?.generation ?? 0) + 1 };
  }
}
