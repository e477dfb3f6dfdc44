import { allResourcesEnabled, type APIGroupInfo, storage, StorageFactoryRestOptionsFactory, type RequestContext, type StorageBackend, type UserInfo } from '@kapi/apiserver-core';
import type { RBACStores } from '../authorizer/rbac-index';
import type { RBACPolicy } from '../escalation/rbac-policy';
import { rbacPolicyOf } from '../escalation/rbac-policy';
import { RBACRESTStorageProvider } from '../rest/storage-rbac';

/** The rbac group as the server installs it, over a fresh memory backend: real Stores, real watch, no server. */
export async function newTestRBAC(): Promise<{ stores: RBACStores; policy: RBACPolicy; backend: StorageBackend; provider: RBACRESTStorageProvider; info: APIGroupInfo }> {
  const config: storage.Config = { type: 'memory', prefix: '/registry' };
  const backend = await storage.newMemoryBackend(config);
  const provider = new RBACRESTStorageProvider();
  const info = provider.newRESTStorage(allResourcesEnabled, new StorageFactoryRestOptionsFactory({ config, backend }));
  const policy = rbacPolicyOf(info)!;
  return { stores: policy.stores!, policy, backend, provider, info };
}

/** A request context as the installer builds it for a user writing `resource` (name optional). */
export function requestAs(user: UserInfo | undefined, resource: string, namespace = '', name = ''): RequestContext {
  return {
    namespace: namespace || undefined,
    user,
    requestInfo: { verb: 'create', apiPrefix: 'apis', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1', namespace, resource, subresource: '', name },
  };
}
