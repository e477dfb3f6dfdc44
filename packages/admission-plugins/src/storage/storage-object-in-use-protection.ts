import { handlesOperations, type AdmissionPlugin, type Attributes, type MutationInterface, type RequestContext } from '@kapi/apiserver-core';

const finalizers: Record<string, string> = {
  persistentvolumeclaims: 'kubernetes.io/pvc-protection',
  persistentvolumes: 'kubernetes.io/pv-protection',
};

/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): every
 * new claim and volume carries the protection finalizer, so kube-controller-manager's protection
 * controllers keep it until no pod uses it.
 */
export class StorageObjectInUseProtection implements MutationInterface {
  readonly handles = handlesOperations('CREATE');

  async admit(_ctx: RequestContext, a: Attributes): Promise<void> {
    const finalizer = a.resource.group === '' && a.subresource === '' ? finalizers[a.resource.resource] : undefined;
    if (!finalizer || !a.object) return;
    const meta = (a.object.metadata ??= {});
    if (!meta.finalizers?.includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
  }
}

/**
 * Off by default in kapi, unlike kube: the finalizers are removed only by kube-controller-manager's
 * pvc-protection and pv-protection controllers, which kapi does not run; without them every deleted
 * claim and volume would stay Terminating. Enable it when kube-controller-manager runs against kapi.
 */
export const storageObjectInUseProtectionPlugin: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  defaultOff: true,
  newPlugin: () => new StorageObjectInUseProtection(),
};
