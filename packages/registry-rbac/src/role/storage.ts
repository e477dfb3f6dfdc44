import type { KObject, RequestContext } from '@kapi/apiserver-core';
import type { RoleObject } from '../common/types';
import { confirmNoEscalation, escalationAllowed, roleEscalationAuthorized } from '../escalation/escalation-check';
import { EscalationGuardedStore } from '../escalation/guarded-store';

/**
 * The roles Store (pkg/registry/rbac/role/policybased): writing a Role needs its rules already held
 * in the namespace, or `escalate` on it.
 */
export class RoleREST extends EscalationGuardedStore {
  protected async checkWrite(ctx: RequestContext, obj: KObject): Promise<void> {
    if (escalationAllowed(ctx) || (await roleEscalationAuthorized(ctx, this.policy.escalationAuthorizer))) return;
    await this.policy.synced();
    const refusal = confirmNoEscalation(ctx.user!, ctx.namespace ?? '', this.policy.registryResolver, (obj as RoleObject).rules ?? []);
    if (refusal) throw this.forbidden(obj, refusal);
  }
}
