import { parseQuantity } from '@kapi/registry-core';
import {
  handlesOperations,
  newAdmissionForbidden,
  type AdmissionPlugin,
  type Attributes,
  type KObject,
  type RequestContext,
  type StorageLookup,
  type ValidationInterface,
  type WantsStorageLookup,
} from '@kapi/apiserver-core';
import { betaStorageClassAnnotation, listStorageClasses } from './default-storage-class';

interface Claim extends KObject {
  spec?: { storageClassName?: string; resources?: { requests?: Record<string, string> } };
  status?: { phase?: string };
}

const storageRequest = (c: Claim) => parseQuantity(c.spec?.resources?.requests?.storage ?? '0') ?? 0;
const classOf = (c: Claim) => c.spec?.storageClassName || c.metadata?.annotations?.[betaStorageClassAnnotation] || '';

/**
 * PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize): a claim may
 * grow only when it is bound and its StorageClass says allowVolumeExpansion.
 */
export class PersistentVolumeClaimResize implements ValidationInterface, WantsStorageLookup {
  readonly handles = handlesOperations('UPDATE');
  private lookup?: StorageLookup;

  setStorageLookup(lookup: StorageLookup): void {
    this.lookup = lookup;
  }

  async validate(_ctx: RequestContext, a: Attributes): Promise<void> {
    if (a.resource.group !== '' || a.resource.resource !== 'persistentvolumeclaims' || a.subresource !== '' || !a.object || !a.oldObject) return;
    const claim = a.object as Claim;
    const old = a.oldObject as Claim;
    const newSize = storageRequest(claim);
    const oldSize = storageRequest(old);
    if (newSize <= oldSize) return;
    if (old.status?.phase !== 'Bound') throw newAdmissionForbidden(a, 'Only bound persistent volume claims can be expanded');
    if (!(await this.allowResize(claim, old))) {
      throw newAdmissionForbidden(a, 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    }
  }

  /** The claim keeps its class, and that class allows expansion. */
  private async allowResize(claim: Claim, old: Claim): Promise<boolean> {
    const name = classOf(claim);
    if (!name || name !== classOf(old)) return false;
    const sc = (await listStorageClasses(this.lookup)).find((c) => c.metadata?.name === name) as { allowVolumeExpansion?: boolean } | undefined;
    return sc?.allowVolumeExpansion === true;
  }
}

export const persistentVolumeClaimResizePlugin: AdmissionPlugin = { name: 'PersistentVolumeClaimResize', newPlugin: () => new PersistentVolumeClaimResize() };
