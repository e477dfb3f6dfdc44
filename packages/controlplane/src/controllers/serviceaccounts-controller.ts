import { isCreater, isStatusError, type APIGroupInfo, type KObject, type Storage } from '@kapi/apiserver-core';
import { NamespaceInformer } from './namespace-informer';

/**
 * The service accounts controller (pkg/controller/serviceaccount): every active namespace has a
 * `default` ServiceAccount, which pods use unless they name another.
 */
export class ServiceAccountsController {
  private readonly informer?: NamespaceInformer;
  private readonly done = new Set<string>();

  constructor(groups: ReadonlyMap<string, APIGroupInfo>) {
    const v1 = groups.get('')?.versionedResourcesStorageMap.v1;
    const namespaces = v1?.namespaces;
    const serviceAccounts = v1?.serviceaccounts;
    if (namespaces && serviceAccounts && isCreater(serviceAccounts)) {
      this.informer = new NamespaceInformer(namespaces, (ns) => void this.ensure(serviceAccounts, ns));
    }
  }

  start(): void {
    this.informer?.start();
  }

  stop(): void {
    this.informer?.stop();
  }

  private async ensure(serviceAccounts: Storage, ns: KObject): Promise<void> {
    const name = ns.metadata?.name;
    const key = `${name}/${ns.metadata?.uid}`;
    if (!name || ns.metadata?.deletionTimestamp || this.done.has(key) || !isCreater(serviceAccounts)) return;
    this.done.add(key);
    try {
      await serviceAccounts.create({ namespace: name }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } }, undefined, {});
    } catch (err) {
      // Exists already, or the namespace went away meanwhile: both fine. Anything else: retry on resync.
      if (!(isStatusError(err) && (err.code === 409 || err.code === 404 || err.code === 403))) this.done.delete(key);
    }
  }
}
