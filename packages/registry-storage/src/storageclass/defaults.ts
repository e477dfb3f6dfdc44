import type { StorageClass } from './types';

/** SetDefaults_StorageClass: a class reclaims by deleting and binds at once unless it says otherwise. */
export function setStorageClassDefaults(sc: StorageClass): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
}
