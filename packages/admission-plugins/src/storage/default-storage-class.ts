import {
  FieldSelector, handlesOperations, isLister, LabelSelector,
  type AdmissionPlugin, type Attributes, type KObject, type MutationInterface, type RequestContext, type StorageLookup, type WantsStorageLookup,
} from '@kapi/apiserver-core';

const isDefaultAnnotation = 'storageclass.kubernetes.io/is-default-class';
const betaIsDefaultAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';
/** The class annotation claims used before spec.storageClassName. */
export const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** util.GetDefaultClass: of the classes annotated as default, the newest (then the first by name). */
export function defaultStorageClassName(classes: KObject[]): string | undefined {
  const defaults = classes.filter((c) => c.metadata?.annotations?.[isDefaultAnnotation] === 'true' || c.metadata?.annotations?.[betaIsDefaultAnnotation] === 'true');
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
    if (ta !== tb) return tb - ta;
    return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  });
  return defaults[0]?.metadata?.name;
}

/** The StorageClasses the server serves, or none when storage.k8s.io is off. */
export async function listStorageClasses(lookup: StorageLookup | undefined): Promise<KObject[]> {
  const classes = lookup?.({ group: 'storage.k8s.io', resource: 'storageclasses' });
  if (!classes || !isLister(classes)) return [];
  return (await classes.list({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() })).items;
}

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
