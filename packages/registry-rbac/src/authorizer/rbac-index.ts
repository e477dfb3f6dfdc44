import { isLister, isWatcher, type KObject, type Lister, type Storage, type Watcher } from '@kapi/apiserver-core';
import type { BindingObject, ClusterRoleObject, RoleObject } from '../common/types';
import { StoreInformer, type InformerHandler } from '@kapi/apiserver-core';
import { SubjectIndex } from './subject-index';
import type { UserInfo } from '@kapi/apiserver-core';

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
  listClusterRoles(): readonly ClusterRoleObject[];
  listClusterRoleBindings(): readonly BindingObject[];
  listRoleBindings(namespace: string): readonly BindingObject[];
  /** The bindings that may name the user (a superset is fine: each is checked again); "" for ClusterRoleBindings. */
  bindingsFor?(user: UserInfo, namespace: string): readonly BindingObject[];
}

/** Objects keyed by namespace, then name (cluster-scoped kinds use the "" namespace). */
class NamespacedMap<T extends KObject> {
  readonly byNamespace = new Map<string, Map<string, T>>();
  /** Lists per namespace, built on first read after a change: the authorizer lists on every request. */
  private readonly lists = new Map<string, T[]>();

  replace(items: KObject[]): void {
    this.byNamespace.clear();
    this.lists.clear();
    for (const item of items) this.upsert(item);
  }

  upsert(obj: KObject): void {
    const ns = obj.metadata?.namespace ?? '';
    this.lists.delete(ns);
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(obj.metadata?.name ?? '', obj as T);
  }

  remove(obj: KObject): void {
    const ns = obj.metadata?.namespace ?? '';
    this.lists.delete(ns);
    const m = this.byNamespace.get(ns);
    m?.delete(obj.metadata?.name ?? '');
    if (m?.size === 0) this.byNamespace.delete(ns);
  }

  get(namespace: string, name: string): T | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** Shared and read-only: callers must not mutate it. */
  list(namespace: string): readonly T[] {
    let list = this.lists.get(namespace);
    if (!list) this.lists.set(namespace, (list = [...(this.byNamespace.get(namespace)?.values() ?? [])]));
    return list;
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
  /** Subject indexes by binding namespace ("" for ClusterRoleBindings), rebuilt on first use after a change. */
  private readonly subjectIndexes = new Map<string, SubjectIndex>();
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

  listClusterRoles(): readonly ClusterRoleObject[] {
    return this.maps.clusterroles.list('');
  }

  listClusterRoleBindings(): readonly BindingObject[] {
    return this.maps.clusterrolebindings.list('');
  }

  listRoleBindings(namespace: string): readonly BindingObject[] {
    return this.maps.rolebindings.list(namespace);
  }

  bindingsFor(user: UserInfo, namespace: string): readonly BindingObject[] {
    let index = this.subjectIndexes.get(namespace);
    if (!index) {
      const bindings = namespace ? this.listRoleBindings(namespace) : this.listClusterRoleBindings();
      this.subjectIndexes.set(namespace, (index = new SubjectIndex(bindings, namespace)));
    }
    return index.bindingsFor(user);
  }

  private handlerFor(resource: RBACResource): InformerHandler {
    const map = this.maps[resource];
    const changed = () => {
      if (resource === 'rolebindings' || resource === 'clusterrolebindings') this.subjectIndexes.clear();
      for (const l of [...this.listeners]) l(resource);
    };
    return {
      replace: (items) => (map.replace(items), changed()),
      upsert: (obj) => (map.upsert(obj), changed()),
      remove: (obj) => (map.remove(obj), changed()),
    };
  }
}
