import { isStatusError, type Getter, type KObject } from '@kapi/apiserver-core';

/**
 * ServiceAccountTokenGetter (pkg/serviceaccount): the objects a token's claims name. Each method
 * rejects with the store's error (a 404 Status when the object is gone).
 */
export interface ServiceAccountTokenGetter {
  getServiceAccount(namespace: string, name: string): Promise<KObject>;
  getSecret(namespace: string, name: string): Promise<KObject>;
  getPod(namespace: string, name: string): Promise<KObject>;
  getNode(name: string): Promise<KObject>;
}

export interface TokenGetterStores {
  serviceAccounts: Getter;
  secrets: Getter;
  pods: Getter;
  nodes: Getter;
}

/**
 * Reads from the watch cache first (resourceVersion "0"), as kube-apiserver's getter reads its
 * informers' listers, and falls back to a live read for an object the cache does not have yet
 * (kube's NewGetterFromClient does the same), so a token issued a moment ago still works.
 */
async function cacheFirst(getter: Getter, namespace: string, name: string): Promise<KObject> {
  const ctx = namespace ? { namespace } : {};
  try {
    return await getter.get(ctx, name, { resourceVersion: '0' });
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return getter.get(ctx, name, {});
    throw err;
  }
}

/** The getter over the legacy group's stores (the lead passes the `/api/v1` storage map's entries). */
export function newStoreTokenGetter(stores: TokenGetterStores): ServiceAccountTokenGetter {
  return {
    getServiceAccount: (ns, name) => cacheFirst(stores.serviceAccounts, ns, name),
    getSecret: (ns, name) => cacheFirst(stores.secrets, ns, name),
    getPod: (ns, name) => cacheFirst(stores.pods, ns, name),
    getNode: (name) => cacheFirst(stores.nodes, '', name),
  };
}
