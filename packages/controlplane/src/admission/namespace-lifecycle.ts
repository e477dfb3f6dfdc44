import {
  groupNameOf, isCreater, isScoper, isStatusError, isUpdater, newForbidden, newNotFound,
  type APIGroupInfo, type Getter, type KObject, type RequestContext, type Storage, type ValidateObjectFunc,
} from '@kapi/apiserver-core';

const namespacesResource = { group: '', resource: 'namespaces' };

/**
 * Exempt as kube's plugin exempts them: a "not found" for a review would let anyone probe which
 * namespaces exist.
 */
const accessReviewResources = new Set(['localsubjectaccessreviews.authorization.k8s.io']);

/**
 * The NamespaceLifecycle admission check (plugin/pkg/admission/namespace/lifecycle): nothing is
 * created in a namespace that does not exist (404) or is being terminated (403).
 */
export function namespaceLifecycleCheck(namespaces: () => Getter | undefined, resource: string): ValidateObjectFunc {
  return async (ctx: RequestContext, obj: KObject) => {
    const ns = ctx.namespace || obj.metadata?.namespace;
    const getter = namespaces();
    if (!ns || !getter) return;
    let namespace: KObject;
    try {
      namespace = await lookupNamespace(getter, ns);
    } catch (err) {
      if (isStatusError(err) && err.code === 404) throw newNotFound(namespacesResource, ns);
      throw err;
    }
    if (namespace.metadata?.deletionTimestamp || (namespace.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw newForbidden(
        { group: ctx.gvr?.group ?? '', resource },
        obj.metadata?.name ?? '',
        `unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  };
}

/**
 * Reads the namespace from the watch cache (resourceVersion "0"), as the admission plugin reads it
 * from an informer; only a namespace the cache does not know yet costs a live read, so a namespace
 * created a moment ago is still found.
 */
async function lookupNamespace(getter: Getter, ns: string): Promise<KObject> {
  try {
    return await getter.get({}, ns, { resourceVersion: '0' });
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return getter.get({}, ns, {});
    throw err;
  }
}

function chain(first: ValidateObjectFunc, second: ValidateObjectFunc | undefined): ValidateObjectFunc {
  return async (ctx, obj) => {
    await first(ctx, obj);
    await second?.(ctx, obj);
  };
}

/**
 * Puts the check in front of every namespaced create of a group — POST and create-on-PUT — as
 * admission runs before a handler's createValidation. Storages are wrapped (not changed), so a
 * provider's own references keep writing without admission, as kube-apiserver's internal
 * controllers write through storage.
 */
export function admitNamespaceLifecycle(info: APIGroupInfo, namespaces: () => Getter | undefined): void {
  for (const storageMap of Object.values(info.versionedResourcesStorageMap)) {
    for (const [path, storage] of Object.entries(storageMap)) {
      const [resource] = path.split('/');
      if (accessReviewResources.has(`${resource}.${groupNameOf(info)}`)) continue;
      const parent = storageMap[resource] ?? storage;
      const namespaced = isScoper(storage) ? storage.namespaceScoped() : isScoper(parent) && parent.namespaceScoped();
      if (!namespaced || (!isCreater(storage) && !isUpdater(storage))) continue;
      storageMap[path] = withCreateAdmission(storage, namespaceLifecycleCheck(namespaces, resource));
    }
  }
}

function withCreateAdmission(storage: Storage, check: ValidateObjectFunc): Storage {
  return new Proxy(storage, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'create' && isCreater(target)) {
        // Admission runs before the object is validated: a missing namespace is a 404, not a 422.
        return async (ctx: RequestContext, obj: KObject, cv: ValidateObjectFunc | undefined, opts: unknown) => {
          await check(ctx, obj);
          return target.create(ctx, obj, cv, opts as never);
        };
      }
      if (prop === 'update' && isUpdater(target)) {
        return (ctx: RequestContext, name: string, info: never, cv: ValidateObjectFunc | undefined, uv: never, force: boolean, opts: never) =>
          target.update(ctx, name, info, chain(check, cv), uv, force, opts);
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
