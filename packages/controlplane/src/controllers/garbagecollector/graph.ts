import type { KObject } from '@kapi/apiserver-core';
import type { CollectableResource } from './resources';

/** metav1.OwnerReference, the fields the collector reads. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** An object as the collector keeps it: its coordinates and the metadata it acts on (a metadata-only informer's view). */
export interface Node {
  key: string;
  resource: CollectableResource;
  namespace: string;
  name: string;
  uid: string;
  ownerReferences: OwnerReference[];
  finalizers: string[];
  deleting: boolean;
}

export const orphanFinalizer = 'orphan';
export const foregroundFinalizer = 'foregroundDeletion';

export const isDeletingDependents = (n: Node): boolean => n.deleting && n.finalizers.includes(foregroundFinalizer);

export function nodeKey(resourceKey: string, namespace: string, name: string): string {
  return `${resourceKey}|${namespace}|${name}`;
}

export function nodeOf(resource: CollectableResource, obj: KObject): Node | undefined {
  const m = obj.metadata;
  if (!m?.name || !m.uid) return undefined;
  return {
    key: nodeKey(resource.key, m.namespace ?? '', m.name),
    resource,
    namespace: m.namespace ?? '',
    name: m.name,
    uid: m.uid,
    ownerReferences: (m.ownerReferences ?? []) as OwnerReference[],
    finalizers: m.finalizers ?? [],
    deleting: !!m.deletionTimestamp,
  };
}

/**
 * The dependency graph (kube's uidToNode and each node's dependents): every watched object by key
 * and by uid, and for each owner uid the keys of the objects naming it. An owner never observed
 * (kube's virtual node) is just a uid with dependents.
 */
export class Graph {
  private readonly nodes = new Map<string, Node>();
  private readonly byUid = new Map<string, string>();
  private readonly dependents = new Map<string, Set<string>>();

  get(key: string): Node | undefined {
    return this.nodes.get(key);
  }

  byUID(uid: string): Node | undefined {
    const key = this.byUid.get(uid);
    return key ? this.nodes.get(key) : undefined;
  }

  /** The nodes whose ownerReferences name uid. */
  dependentsOf(uid: string): Node[] {
    return [...(this.dependents.get(uid) ?? [])].map((k) => this.nodes.get(k)).filter((n): n is Node => !!n);
  }

  upsert(n: Node): Node | undefined {
    const old = this.nodes.get(n.key);
    if (old) this.unlink(old);
    this.nodes.set(n.key, n);
    this.byUid.set(n.uid, n.key);
    for (const ref of n.ownerReferences) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(n.key);
    }
    return old;
  }

  remove(key: string): Node | undefined {
    const old = this.nodes.get(key);
    if (!old) return undefined;
    this.unlink(old);
    this.nodes.delete(key);
    return old;
  }

  /** The keys of one resource's nodes (to diff a re-list, or drop a resource that went away). */
  keysOf(resourceKey: string): string[] {
    return [...this.nodes.values()].filter((n) => n.resource.key === resourceKey).map((n) => n.key);
  }

  private unlink(n: Node): void {
    if (this.byUid.get(n.uid) === n.key) this.byUid.delete(n.uid);
    for (const ref of n.ownerReferences) {
      const set = this.dependents.get(ref.uid);
      set?.delete(n.key);
      if (set?.size === 0) this.dependents.delete(ref.uid);
    }
  }
}
