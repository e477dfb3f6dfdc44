import {
  DefinedStore, FieldSelector, LabelSelector, newForbidden, type DeleteOptions, type KObject, type RequestContext, type ValidateObjectFunc, type ValidateObjectUpdateFunc,
  type UpdatedObjectInfo, type CreateOptions, type UpdateOptions,
} from '@kapi/apiserver-core';
import { isSystemPriorityClass } from './system-classes';
import type { PriorityClass } from './types';

const resource = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

/**
 * The PriorityClass Store: the system classes cannot be deleted (kube's priorityclass REST), and at
 * most one class is the global default — the check kube's Priority admission plugin makes after
 * validation, done here as the validating step of create and update.
 */
export class PriorityClassStore extends DefinedStore {
  override create(ctx: RequestContext, obj: KObject, createValidation: ValidateObjectFunc | undefined, opts?: CreateOptions): Promise<KObject> {
    return super.create(ctx, obj, async (c, o) => {
      await createValidation?.(c, o);
      await this.checkOneGlobalDefault(c, o as PriorityClass);
    }, opts);
  }

  override update(
    ctx: RequestContext,
    name: string,
    objInfo: UpdatedObjectInfo,
    createValidation: ValidateObjectFunc | undefined,
    updateValidation: ValidateObjectUpdateFunc | undefined,
    forceAllowCreate: boolean,
    opts?: UpdateOptions,
  ): Promise<{ obj: KObject; created: boolean }> {
    const checked: ValidateObjectUpdateFunc = async (c, o, old) => {
      await updateValidation?.(c, o, old);
      await this.checkOneGlobalDefault(c, o as PriorityClass);
    };
    return super.update(ctx, name, objInfo, createValidation, checked, forceAllowCreate, opts);
  }

  override async delete(ctx: RequestContext, name: string, deleteValidation: ValidateObjectFunc | undefined, opts?: DeleteOptions): Promise<{ obj: KObject; deleted: boolean }> {
    if (isSystemPriorityClass(name)) throw newForbidden(resource, name, 'this is a system priority class and cannot be deleted');
    return super.delete(ctx, name, deleteValidation, opts);
  }

  /** A second default would leave pods without a class with two candidate priorities. */
  private async checkOneGlobalDefault(ctx: RequestContext, pc: PriorityClass): Promise<void> {
    if (!pc.globalDefault) return;
    const name = pc.metadata?.name ?? '';
    const others = ((await this.list(ctx, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() })).items as PriorityClass[]).filter((c) => c.globalDefault && c.metadata?.name !== name);
    // kube names the lowest-valued default when a race left several.
    others.sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
    if (others.length > 0) throw newForbidden(resource, name, `PriorityClass ${others[0].metadata?.name} is already marked as default. Only one default can exist`);
  }
}
