import {
  DefinedStore,
  interpretStorageError,
  metaOf,
  newConflict,
  newForbidden,
  type DeleteOptions,
  type KObject,
  type RequestContext,
  type ResourceDefinition,
  type StoreConfig,
  type ValidateObjectFunc,
  type J,
} from '@kapi/apiserver-core';
import { rfc3339 } from '../rest/time';

const namespacesResource = { group: '', resource: 'namespaces' };

/** Namespaces the NamespaceLifecycle admission plugin never lets go. */
export const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/**
 * Namespace REST (pkg/registry/core/namespace/storage): DELETE first moves the namespace to
 * Terminating; the namespace controller empties it and finalizes it; a DELETE of a namespace
 * without spec.finalizers left then removes it.
 */
export class NamespaceREST extends DefinedStore {
  constructor(config: StoreConfig, def: ResourceDefinition) {
    super(config, def);
    // kube-apiserver's namespace REST has no DeleteCollection: no `deletecollection` verb, no route.
    Object.defineProperty(this, 'deleteCollection', { value: undefined });
  }

  override async delete(
    ctx: RequestContext,
    name: string,
    deleteValidation: ValidateObjectFunc | undefined,
    opts: DeleteOptions = {},
  ): Promise<{ obj: KObject; deleted: boolean }> {
    if (immortalNamespaces.has(name)) throw newForbidden(namespacesResource, name, 'this namespace may not be deleted');
    const existing = await this.get(ctx, name);
    const uid = opts.preconditions?.uid;
    if (uid && uid !== existing.metadata?.uid) {
      throw newConflict(namespacesResource, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${existing.metadata?.uid}`);
    }
    const finalizers = ((existing.spec as J | undefined)?.finalizers ?? []) as string[];
    if (existing.metadata?.deletionTimestamp && finalizers.length === 0 && !existing.metadata.finalizers?.length) {
      return super.delete(ctx, name, deleteValidation, opts);
    }
    if (existing.metadata?.deletionTimestamp) return { obj: existing, deleted: false };
    const key = this.config.keyFunc!(ctx, name);
    const obj = await this.storage
      .guaranteedUpdate(key, {
        preconditions: opts.preconditions,
        tryUpdate: async (cur) => {
          await deleteValidation?.(ctx, cur);
          const meta = metaOf(cur);
          meta.deletionTimestamp ??= rfc3339() as never;
          cur.status = { ...((cur.status as J | undefined) ?? {}), phase: 'Terminating' };
          return { obj: cur };
        },
      })
      .catch((err) => {
        throw interpretStorageError(err, namespacesResource, name, 'delete');
      });
    // Nothing to wait for (no finalizers at all): gone at once, as kube-apiserver does.
    if (finalizers.length === 0 && !obj.metadata?.finalizers?.length) return super.delete(ctx, name, deleteValidation, opts);
    return { obj, deleted: false };
  }
}

/** ShouldDeleteNamespaceDuringUpdate: a deleting namespace goes once its metadata and spec finalizers are both empty. */
export function shouldDeleteNamespaceDuringUpdate(obj: KObject, existing: KObject): boolean {
  if (!existing.metadata?.deletionTimestamp || (obj.metadata?.finalizers?.length ?? 0) > 0) return false;
  return (((obj.spec as J | undefined)?.finalizers ?? []) as string[]).length === 0;
}
