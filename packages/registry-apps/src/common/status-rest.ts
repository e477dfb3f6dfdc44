import type {
  GetOptions, KObject, RequestContext, Store, UpdatedObjectInfo, UpdateOptions, ValidateObjectFunc, ValidateObjectUpdateFunc,
} from '@kapi/apiserver-core';

/**
 * `<resource>/status`: the resource's Store seen through its status strategy. Get, update and
 * patch only, so the installer offers no POST or DELETE on it; an update never creates the parent.
 */
export class StatusREST {
  constructor(protected readonly store: Store) {}

  newObject(): KObject {
    return this.store.newObject();
  }

  get(ctx: RequestContext, name: string, opts: GetOptions): Promise<KObject> {
    return this.store.get(ctx, name, opts);
  }

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
