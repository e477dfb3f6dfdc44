import {
  handlesOperations,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type MutationInterface,
  type RequestContext,
  type StorageLookup,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';
import { listClusterObjects, newestDefaultClassName } from '../util/cluster-objects';

const isDefaultAnnotation = 'storageclass.kubernetes.io/is-default-class';
const betaIsDefaultAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';
/** The class annotation claims used before spec.storageClassName. */
export const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** util.GetDefaultClass: of the classes annotated as default (GA or beta annotation), the newest. */
export function defaultStorageClassName(classes: KObject[]): string | undefined {
  return newestDefaultClassName(classes, (c) => c.metadata?.annotations?.[isDefaultAnnotation] === 'true' || c.metadata?.annotations?.[betaIsDefaultAnnotation] === 'true');
}

/** The StorageClasses the server serves, or none when storage.k8s.io is off. */
export const listStorageClasses = (lookup: StorageLookup | undefined): Promise<KObject[]> => listClusterObjects(lookup, { group: 'storage.k8s.io', resource: 'storageclasses' });

/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a claim created
 * without a class, by field or by the beta annotation, gets the default StorageClass.
 */
export class DefaultStorageClass implements MutationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('CREATE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.resource.group !== '' || a.resource.resource !== 'persistentvolumeclaims' || a.subresource !== '' || !a.object) return;
    const spec = (a.object.spec ??= {}) as { storageClassName?: string | null };
    if (spec.storageClassName != null || a.object.metadata?.annotations?.[betaStorageClassAnnotation] !== undefined) return;
    const name = defaultStorageClassName(await listStorageClasses(this.lookup));
    if (name !== undefined) spec.storageClassName = name;
  }
}

export const defaultStorageClassPlugin: AdmissionPlugin = { name: 'DefaultStorageClass', newPlugin: () => new DefaultStorageClass() };
