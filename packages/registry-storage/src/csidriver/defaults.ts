import type { CSIDriver } from './types';

/**
 * SetDefaults_CSIDriver. seLinuxMount is defaulted because SELinuxMountReadWriteOncePod is on by
 * default in 1.32 (beta since 1.28).
 */
export function setCSIDriverDefaults(d: CSIDriver): void {
  const spec = (d.spec ??= {});
  spec.attachRequired ??= true;
  spec.podInfoOnMount ??= false;
  spec.storageCapacity ??= false;
  spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
  if (!spec.volumeLifecycleModes?.length) spec.volumeLifecycleModes = ['Persistent'];
  spec.requiresRepublish ??= false;
  spec.seLinuxMount ??= false;
}
