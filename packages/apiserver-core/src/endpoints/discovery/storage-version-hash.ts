import { createHash } from 'node:crypto';
import type { GroupVersionKind } from '../../runtime/object';

/**
 * discovery.StorageVersionHash: an opaque token of the version a resource is stored in, so a
 * storage migrator can tell when stored objects need rewriting. Every version of one resource
 * reports the same hash; kube-apiserver computes it from "<group>/<version>/<kind>" this way.
 */
export function storageVersionHash(gvk: GroupVersionKind): string {
  return createHash('sha256').update(`${gvk.group}/${gvk.version}/${gvk.kind}`).digest().subarray(0, 8).toString('base64');
}
