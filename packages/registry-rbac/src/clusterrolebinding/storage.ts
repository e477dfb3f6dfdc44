import type { KObject, RequestContext } from '@kapi/apiserver-core';
import { checkBindingWrite } from '../common/binding-check';
import { EscalationGuardedStore } from '../escalation/guarded-store';

/** The clusterrolebindings Store (clusterrolebinding/policybased): binding a role takes holding its rules, or `bind` on it. */
export class ClusterRoleBindingREST extends EscalationGuardedStore {
  protected async checkWrite(ctx: RequestContext, obj: KObject): Promise<void> {
    const refusal = await checkBindingWrite(ctx, obj, this.policy, false);
    if (refusal) throw this.forbidden(obj, refusal);
  }
}
