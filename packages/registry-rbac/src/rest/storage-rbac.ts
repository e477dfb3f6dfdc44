import { inject, injectable, optional } from 'inversify';
import {
  AuthorizerKey,
  DefinedGroupRESTStorageProvider,
  retrying,
  type APIGroupInfo,
  type APIResourceConfigSource,
  type Authorizer,
  type RESTOptionsGetter,
  type RESTStorageProvider,
} from '@kapi/apiserver-core';
import type { RBACStores } from '../authorizer/rbac-index';
import { ensureClusterPolicy, ensureNamespacePolicy } from '../bootstrap/ensure-policy';
import { clusterRoleDefinition } from '../clusterrole/definition';
import { clusterRoleBindingDefinition } from '../clusterrolebinding/definition';
import { rbacGroup } from '../common/types';
import { attachRBACPolicy, RBACPolicy } from '../escalation/rbac-policy';
import { roleDefinition } from '../role/definition';
import { roleBindingDefinition } from '../rolebinding/definition';

/** How long the bootstrap hook keeps trying (kube's rbac/bootstrap-roles polls for 30s). */
const bootstrapTimeoutMs = 30_000;

/**
 * RESTStorageProvider of rbac.authorization.k8s.io (pkg/registry/rbac/rest): the four Stores with
 * their escalation checks, the RBACPolicy they share with the RBAC authorizer, and the
 * rbac/bootstrap-roles post-start hook.
 */
@injectable()
export class RBACRESTStorageProvider implements RESTStorageProvider {
  readonly groupName = rbacGroup;
  private policy?: RBACPolicy;

  constructor(@inject(AuthorizerKey) @optional() private readonly authorizer?: Authorizer) {}

  newRESTStorage(source: APIResourceConfigSource, getter: RESTOptionsGetter): APIGroupInfo {
    const policy = new RBACPolicy(this.authorizer);
    this.policy = policy;
    // The definitions close over this server's policy, so the group is defined per server.
    const info = new DefinedGroupRESTStorageProvider({
      group: this.groupName,
      versions: ['v1'],
      resources: [roleDefinition(policy), roleBindingDefinition(policy), clusterRoleDefinition(policy), clusterRoleBindingDefinition(policy)],
    }).newRESTStorage(source, getter);
    const v1 = info.versionedResourcesStorageMap.v1 ?? {};
    if (v1.roles && v1.rolebindings && v1.clusterroles && v1.clusterrolebindings) policy.setStores(v1 as unknown as RBACStores);
    attachRBACPolicy(info, policy);
    return info;
  }

  postStartHooks(): { name: string; hook: () => Promise<void> }[] {
    return [{ name: 'rbac/bootstrap-roles', hook: () => this.bootstrap() }];
  }

  /**
   * Reconciles the bootstrap policy (the kube-system and kube-public Roles too: the control plane
   * creates those namespaces in an earlier hook) and waits for the RBAC index to be filled.
   */
  private async bootstrap(): Promise<void> {
    const policy = this.policy;
    const stores = policy?.stores;
    if (!policy || !stores) return;
    policy.start();
    await retrying(() => ensureClusterPolicy(stores), bootstrapTimeoutMs);
    await retrying(() => ensureNamespacePolicy(stores), bootstrapTimeoutMs);
    await policy.synced();
  }
}
