import type { KObject } from '../../runtime/object';
import type { RequestContext } from '../../rest/context';
import type { GetOptions, UpdateOptions } from '../../rest/options';
import type { Getter, Storage, UpdatedObjectInfo, Updater, ValidateObjectFunc, ValidateObjectUpdateFunc } from '../../rest/interfaces';

/**
 * A subresource served by a copy of its resource's Store with another update strategy
 * (pods/status, services/status, pods/ephemeralcontainers …): get, update and patch only, so
 * the installer does not offer a POST on it. Go declares one StatusREST per resource; they are
 * all this.
 */
export class StatusREST {
  constructor(protected readonly store: Storage & Getter & Updater) {}

  newObject(): KObject {
    return this.store.newObject();
  }

  get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return this.store.get(ctx, name, opts);
  }

  /** Subresources never create the parent: forceAllowCreate is ignored, as kube-apiserver does. */
  update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    createValidation: ValidateObjectFunc | undefined,
    updateValidation: ValidateObjectUpdateFunc | undefined,
    _forceAllowCreate: boolean,
    opts: UpdateOptions,
  ): Promise<{ obj: KObject; created: boolean }> {
    return this.store.update(ctx, name, objInfo, createValidation, updateValidation, false, opts);
  }
}
