import { isStatusError, type Getter, type KObject, type Updater } from '@kapi/apiserver-core';

/**
 * ServiceAccountTokenGetter (pkg/serviceaccount): the objects a token's claims name. Each method
 * rejects with the store's error (a 404 Status when the object is gone).
 */
export interface ServiceAccountTokenGetter {
  getServiceAccount(namespace: string, name: string): Promise<KObject>;
  getSecret(namespace: string, name: string): Promise<KObject>;
  getPod(namespace: string, name: string): Promise<KObject>;
  getNode(name: string): Promise<KObject>;
  /**
   * Sets labels on a Secret (the legacy token's last-used date), if this getter can write; kube's
   * validator is handed a secrets client for exactly this.
   */
  labelSecret?(namespace: string, name: string, uid: string, labels: Record<string, string>): Promise<void>;
}

export interface TokenGetterStores {
  serviceAccounts: Getter;
  /** The secrets storage; when it can update, Secret-based tokens get their last-used label. */
  secrets: Getter | (Getter & Updater);
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
    ...('update' in stores.secrets ? { labelSecret: labelSecretWith(stores.secrets) } : {}),
  };
}

/** A merge of labels into the Secret with that uid (a namesake created meanwhile is left alone). */
function labelSecretWith(secrets: Updater): NonNullable<ServiceAccountTokenGetter['labelSecret']> {
  return async (namespace, name, uid, labels) => {
    await secrets.update(
      { namespace },
      name,
      {
        preconditions: () => ({ uid }),
        updatedObject: async (_ctx, old) => ({ ...old!, metadata: { ...old!.metadata, labels: { ...old!.metadata?.labels, ...labels } } }),
      },
      undefined,
      undefined,
      false,
      {},
    );
  };
}
