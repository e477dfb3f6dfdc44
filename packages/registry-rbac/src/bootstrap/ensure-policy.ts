import { isCreater, isGetter, isGracefulDeleter, isStatusError, isUpdater, type KObject, type RequestContext, type Storage } from '@kapi/apiserver-core';
import type { RBACStores } from '../authorizer/rbac-index';
import type { BindingObject, ClusterRoleObject } from '../common/types';
import { bootstrapClusterRoleBindings, bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles } from './bindings';
import { bootstrapClusterRoles } from './cluster-roles';
import { bootstrapControllerRoleBindings, bootstrapControllerRoles } from './controller-roles';
import { reconcileBinding, reconcileRole } from './reconcile';

/** The server's own writes carry no user: the escalation checks let them through, as kube's loopback. */
const ctxFor = (obj: KObject): RequestContext => ({ namespace: obj.metadata?.namespace });

async function getOrUndefined(store: Storage, obj: KObject): Promise<KObject | undefined> {
  if (!isGetter(store)) throw new Error('RBAC storage cannot get');
  try {
    return await store.get(ctxFor(obj), obj.metadata?.name ?? '', {});
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return undefined;
    throw err;
  }
}

const replaceWith = (obj: KObject) => ({ preconditions: () => undefined, updatedObject: async () => structuredClone(obj) });

/** Writes one reconciled object; "Recreate" deletes the binding first (its roleRef cannot change). */
async function write(store: Storage, op: string, obj: KObject): Promise<void> {
  const ctx = ctxFor(obj);
  const name = obj.metadata?.name ?? '';
  if (op === 'Recreate' && isGracefulDeleter(store)) await store.delete(ctx, name, undefined, {});
  if ((op === 'Create' || op === 'Recreate') && isCreater(store)) {
    try {
      await store.create(ctx, structuredClone(obj), undefined, {});
      return;
    } catch (err) {
      // Created meanwhile (another server, a restart): reconcile against it next round.
      if (!(isStatusError(err) && err.code === 409)) throw err;
      return;
    }
  }
  if (op === 'Update' && isUpdater(store)) await store.update(ctx, name, replaceWith(obj), undefined, undefined, false, {});
}

// Each object is reconciled on its own (kube's EnsureRBACPolicy loops over them, but no object's
// reconciliation reads another's), so they run concurrently: ~150 serial get+create round trips
// were the largest share of start-up, and the embedded backend commits concurrent writes together.
async function ensureRoles(store: Storage, roles: ClusterRoleObject[]): Promise<void> {
  await Promise.all(
    roles.map(async (expected) => {
      const existing = (await getOrUndefined(store, expected)) as ClusterRoleObject | undefined;
      const result = reconcileRole(existing, expected);
      if (!result.protected && result.operation !== 'None') await write(store, result.operation, result.object);
    }),
  );
}

async function ensureBindings(store: Storage, bindings: BindingObject[]): Promise<void> {
  await Promise.all(
    bindings.map(async (expected) => {
      const existing = (await getOrUndefined(store, expected)) as BindingObject | undefined;
      const result = reconcileBinding(existing, expected);
      if (!result.protected && result.operation !== 'None') await write(store, result.operation, result.object);
    }),
  );
}

/** The cluster-wide part of the bootstrap policy: ClusterRoles, then the ClusterRoleBindings to them. */
export async function ensureClusterPolicy(stores: RBACStores): Promise<void> {
  await ensureRoles(stores.clusterroles, [...bootstrapClusterRoles(), ...bootstrapControllerRoles()]);
  await ensureBindings(stores.clusterrolebindings, [...bootstrapClusterRoleBindings(), ...bootstrapControllerRoleBindings()]);
}

/** The kube-system / kube-public part, which needs those namespaces to exist. */
export async function ensureNamespacePolicy(stores: RBACStores): Promise<void> {
  await ensureRoles(stores.roles, bootstrapNamespaceRoles());
  await ensureBindings(stores.rolebindings, bootstrapNamespaceRoleBindings());
}
