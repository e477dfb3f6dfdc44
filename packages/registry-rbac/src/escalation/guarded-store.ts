import {
  metaOf,
  newForbidden,
  semanticEqual,
  Store,
  type CreateOptions,
  type KObject,
  type RequestContext,
  type StoreConfig,
  type UpdatedObjectInfo,
  type UpdateOptions,
  type ValidateObjectFunc,
  type ValidateObjectUpdateFunc,
} from '@kapi/apiserver-core';
import type { RBACPolicy } from './rbac-policy';

/**
 * The policybased storage of pkg/registry/rbac/*: the generic Store with an escalation check in
 * front of create and inside update (on the object the update produces). A check throws the 403.
 */
export abstract class EscalationGuardedStore extends Store {
  constructor(
    config: StoreConfig,
    protected readonly policy: RBACPolicy,
  ) {
    super(config);
  }

  /** Throws a 403 when the requesting user may not write `obj`. */
  protected abstract checkWrite(ctx: RequestContext, obj: KObject, old: KObject | undefined): Promise<void>;

  override async create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, opts: CreateOptions = {}): Promise<KObject> {
    await this.checkWrite(ctx, obj, undefined);
    return super.create(ctx, obj, createValidation, opts);
  }

  override update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    createValidation: ValidateObjectFunc | undefined,
    updateValidation: ValidateObjectUpdateFunc | undefined,
    forceAllowCreate: boolean,
    opts: UpdateOptions = {},
  ): Promise<{ obj: KObject; created: boolean }> {
    const guarded: UpdatedObjectInfo = {
      preconditions: () => objInfo.preconditions(),
      updatedObject: async (c, old) => {
        const obj = await objInfo.updatedObject(c, old);
        if (!(old && isOnlyMutatingGCFields(obj, old))) await this.checkWrite(c, obj, old);
        return obj;
      },
    };
    return super.update(ctx, name, guarded, createValidation, updateValidation, forceAllowCreate, opts);
  }

  /** The Forbidden Status of this resource: `roles.rbac.authorization.k8s.io "x" is forbidden: …`. */
  protected forbidden(obj: KObject, message: string): Error {
    return newForbidden(this.qualifiedResource, metaOf(obj).name ?? '', message);
  }
}

/**
 * IsOnlyMutatingGCFields: the garbage collector removing owner references or finalizers needs no
 * permission over the role's content, or a role could never be collected by a less-privileged GC.
 */
export function isOnlyMutatingGCFields(obj: KObject, old: KObject): boolean {
  const strip = (o: KObject) => {
    const c = structuredClone(o);
    const m = c.metadata ?? {};
    delete m.ownerReferences;
    delete m.finalizers;
    delete m.resourceVersion;
    delete m.managedFields;
    return JSON.parse(JSON.stringify(c)) as unknown;
  };
  return semanticEqual(strip(obj), strip(old));
}
