import type { APIGroupInfo, Authorizer } from '@kapi/apiserver-core';
import { RBACAuthorizer } from '../authorizer/rbac-authorizer';
import { RBACIndex, type RBACStores } from '../authorizer/rbac-index';
import { DefaultRuleResolver } from '../authorizer/rule-resolver';

/**
 * Everything of RBAC that lives beside the four Stores: the informer-fed index, the resolver and
 * authorizer reading it, and the authorizer the escalation checks ask for `escalate` and `bind`.
 * One per installed rbac group; the Stores' escalation checks and the server's RBAC authorizer
 * share it, so the policy is watched once.
 */
export class RBACPolicy {
  readonly index = new RBACIndex();
  /** The authorizer's view: a missing role reads "clusterrole.rbac… not found" as kube's listers say. */
  readonly authorizer = new RBACAuthorizer(new DefaultRuleResolver(this.index, 'singular'));
  /** The registry's view (escalation checks), reporting a missing role as the storage does. */
  readonly registryResolver = new DefaultRuleResolver(this.index, 'plural');
  /** The four Stores, once the group is installed with all of them. */
  stores?: RBACStores;

  /**
   * @param serverAuthorizer the server's authorizer (the --authorization-mode union) for `escalate`
   *   and `bind`; without one, RBAC alone answers them.
   */
  constructor(public serverAuthorizer?: Authorizer) {}

  /** The authorizer asked whether a user may `escalate` or `bind` a role. */
  get escalationAuthorizer(): Authorizer {
    return this.serverAuthorizer ?? this.authorizer;
  }

  setStores(stores: RBACStores): void {
    this.stores = stores;
  }

  /** Starts the informers (idempotent); a group without its Stores (turned off by --runtime-config) stays empty. */
  start(): void {
    if (this.stores) this.index.start(this.stores);
  }

  stop(): void {
    this.index.stop();
  }

  /** Starts the informers if needed and waits for their first list. */
  async synced(): Promise<void> {
    this.start();
    await this.index.waitForSync();
  }
}

const policies = new WeakMap<APIGroupInfo, RBACPolicy>();

export function attachRBACPolicy(info: APIGroupInfo, policy: RBACPolicy): void {
  policies.set(info, policy);
}

/** The RBACPolicy of an installed rbac.authorization.k8s.io group (`instance.groups.get(rbacGroup)`). */
export function rbacPolicyOf(info: APIGroupInfo | undefined): RBACPolicy | undefined {
  return info ? policies.get(info) : undefined;
}
