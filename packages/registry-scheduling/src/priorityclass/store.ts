import { DefinedStore, newForbidden, type DeleteOptions, type KObject, type RequestContext, type ValidateObjectFunc } from '@kapi/apiserver-core';
import { isSystemPriorityClass } from './system-classes';

const resource = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

/**
 * The PriorityClass Store: the system classes cannot be deleted (kube's priorityclass REST). That at
 * most one class is the global default is the Priority admission plugin's check (admission-plugins).
 */
export class PriorityClassStore extends DefinedStore {
  override async delete(ctx: RequestContext, name: string, deleteValidation: ValidateObjectFunc | undefined, opts?: DeleteOptions): Promise<{ obj: KObject; deleted: boolean }> {
    if (isSystemPriorityClass(name)) throw newForbidden(resource, name, 'this is a system priority class and cannot be deleted');
    return super.delete(ctx, name, deleteValidation, opts);
  }
}
