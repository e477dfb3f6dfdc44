import { isLister, isWatcher, type KObject, type Lister, type Storage, type Watcher } from '@kapi/apiserver-core';
import type { BindingObject, ClusterRoleObject, RoleObject } from '../common/types';
import { StoreInformer, type InformerHandler } from './store-informer';

/** The four RBAC Stores the index follows. */
export interface RBACStores {
  roles: Storage;
  clusterroles: Storage;
  rolebindings: Storage;
  clusterrolebindings: Storage;
}

export type RBACResource = keyof RBACStores;

/** What the rule resolver reads: kube's Role/ClusterRole getters and binding listers. */
export interface RBACPolicySource {
  getRole(namespace: string, name: string): RoleObject | undefined;
  getClusterRole(name: string): ClusterRoleObject | undefined;
  listClusterRoles(): ClusterRoleObject[];
  listClusterRoleBindings(): BindingObject[];
  listRoleBindings(namespace: string): BindingObject[];
}

/** Objects keyed by namespace, then name (cluster-scoped kinds use the "" namespace). */
class NamespacedMap<T extends KObject> {
  readonly byNamespace = new Map<string, Map<string, T>>();

  replace(items: KObject[]): void {
    this.byNamespace.clear();
    for (const item of items) this.upsert(item);
  }

  upsert(obj: KObject): void {
    const ns = obj.metadata?.namespace ?? '';
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(obj.metadata?.name ?? '', obj as T);
  }

  remove(obj: KObject): void {
    const ns = obj.metadata?.namespace ?? '';
    const m = this.byNamespace.get(ns);
    m?.delete(obj.metadata?.name ?? '');
    if (m?.size === 0) this.byNamespace.delete(ns);
  }

  get(namespace: string, name: string): T | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  list(namespace: string): T[] {
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
  }
}

/**
 * The in-memory RBAC policy the authorizer reads on every request: Roles, ClusterRoles and their
 * bindings, each fed by an informer (list + watch) on its Store, so authorization is a synchronous
 * walk over maps — kube's RBAC authorizer over shared informer listers.
 */
export class RBACIndex implements RBACPolicySource {
  private readonly maps = {
    roles: new NamespacedMap<RoleObject>(),
    clusterroles: new NamespacedMap<ClusterRoleObject>(),
    rolebindings: new NamespacedMap<BindingObject>(),
    clusterrolebindings: new NamespacedMap<BindingObject>(),
  };
  private informers: StoreInformer[] = [];
  private readonly listeners: ((resource: RBACResource) => void)[] = [];

  /** Starts one informer per Store; a Store that cannot list and watch leaves its kind empty. */
  start(stores: RBACStores): void {
    if (this.informers.length > 0) return;
    for (const resource of Object.keys(this.maps) as RBACResource[]) {
      const store = stores[resource];
      if (!isLister(store) || !isWatcher(store)) continue;
      const informer = new StoreInformer(store as Storage & Lister & Watcher, this.handlerFor(resource));
      this.informers.push(informer);
      informer.start();
    }
  }

  stop(): void {
    for (const i of this.informers) i.stop();
  }

  get hasSynced(): boolean {
    return this.informers.length > 0 && this.informers.every((i) => i.hasSynced);
  }

  /** Resolves once every informer delivered its first list (the rbac/bootstrap-roles readiness). */
  async waitForSync(): Promise<void> {
    await Promise.all(this.informers.map((i) => i.waitForSync()));
  }

  /** Called after every change of a kind (the aggregation controller's trigger). */
  onChange(listener: (resource: RBACResource) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  getRole(namespace: string, name: string): RoleObject | undefined {
    return this.maps.roles.get(namespace, name);
  }

  getClusterRole(name: string): ClusterRoleObject | undefined {
    return this.maps.clusterroles.get('', name);
  }

  listClusterRoles(): ClusterRoleObject[] {
    return this.maps.clusterroles.list('');
  }

  listClusterRoleBindings(): BindingObject[] {
    return this.maps.clusterrolebindings.list('');
  }

  listRoleBindings(namespace: string): BindingObject[] {
    return this.maps.rolebindings.list(namespace);
  }

  private handlerFor(resource: RBACResource): InformerHandler {
    const map = this.maps[resource];
    const changed = () => {
      for (const l of [...this.listeners]) l(resource);
    };
    return {
      replace: (items) => (map.replace(items), changed()),
      upsert: (obj) => (map.upsert(obj), changed()),
      remove: (obj) => (map.remove(obj), changed()),
    };
  }
}
