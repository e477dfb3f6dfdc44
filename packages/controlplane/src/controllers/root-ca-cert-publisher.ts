import { isDeepStrictEqual } from 'node:util';
import {
  isCreater,
  isGetter,
  isStatusError,
  isUpdater,
  StoreInformer,
  type Creater,
  type Getter,
  type KObject,
  type Lister,
  type Storage,
  type Updater,
  type Watcher,
} from '@kapi/apiserver-core';
import type { ControllerContext, InProcessController } from './controller-context';
import { NamespaceInformer } from './namespace-informer';

/** The ConfigMap kube-controller-manager publishes in every namespace, and its one key. */
export const rootCAConfigMapName = 'kube-root-ca.crt';
const description =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

type ConfigMaps = Storage & Getter & Creater & Updater & Lister & Watcher;

/**
 * The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): every active
 * namespace holds `kube-root-ca.crt` with the cluster CA as `ca.crt`, which service account token
 * volumes mount. A deleted or edited copy is put back; a namespace being deleted is left alone.
 */
export class RootCACertPublisher implements InProcessController {
  private readonly namespaces?: NamespaceInformer;
  private readonly configMaps?: StoreInformer;
  private readonly storage?: ConfigMaps;

  constructor(private readonly ctx: ControllerContext) {
    const v1 = ctx.groups.get('')?.versionedResourcesStorageMap.v1;
    const cms = v1?.configmaps;
    if (!ctx.rootCA || !v1?.namespaces || !cms || !isCreater(cms) || !isUpdater(cms) || !isGetter(cms)) return;
    this.storage = cms as ConfigMaps;
    this.namespaces = new NamespaceInformer(v1.namespaces, (ns) => void this.sync(ns));
    this.configMaps = new StoreInformer(this.storage, {
      replace: () => undefined,
      upsert: (cm) => this.changed(cm),
      remove: (cm) => this.changed(cm),
    });
  }

  start(): void {
    this.namespaces?.start();
    this.configMaps?.start();
  }

  stop(): void {
    this.namespaces?.stop();
    this.configMaps?.stop();
  }

  private desired(namespace: string): KObject {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: rootCAConfigMapName, namespace, annotations: { 'kubernetes.io/description': description } },
      data: { 'ca.crt': this.ctx.rootCA! },
    };
  }

  /** The published ConfigMap changed or went: its namespace is synced again. */
  private changed(cm: KObject): void {
    const ns = cm.metadata?.namespace;
    if (cm.metadata?.name !== rootCAConfigMapName || !ns) return;
    const namespaces = this.ctx.groups.get('')?.versionedResourcesStorageMap.v1?.namespaces;
    if (!namespaces || !isGetter(namespaces)) return;
    void namespaces.get({}, ns, {}).then(
      (n) => this.sync(n),
      () => undefined,
    );
  }

  /** syncNamespace: create the ConfigMap, or set its data and description back. */
  private async sync(ns: KObject): Promise<void> {
    const name = ns.metadata?.name;
    const storage = this.storage;
    if (!name || !storage || ns.metadata?.deletionTimestamp) return;
    const ctx = { namespace: name };
    const want = this.desired(name);
    try {
      const cur = await storage.get(ctx, rootCAConfigMapName, {}).catch((err) => {
        if (isStatusError(err) && err.code === 404) return undefined;
        throw err;
      });
      if (!cur) {
        await storage.create(ctx, want, undefined, {});
        return;
      }
      const annotations = { ...(cur.metadata?.annotations ?? {}), ...want.metadata!.annotations };
      if (isDeepStrictEqual(cur.data, want.data) && isDeepStrictEqual(cur.metadata?.annotations, annotations)) return;
      await storage.update(
        ctx,
        rootCAConfigMapName,
        {
          preconditions: () => undefined,
          updatedObject: async (_c, old) => ({ ...structuredClone(old ?? cur), data: want.data, binaryData: undefined, metadata: { ...(old ?? cur).metadata, annotations } }),
        },
        undefined,
        undefined,
        false,
        {},
      );
    } catch {
      // A conflict, or the namespace started terminating: the next event or resync settles it.
    }
  }
}
