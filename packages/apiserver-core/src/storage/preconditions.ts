import type { KObject } from '../runtime/object';
import { storageErrors } from './errors';
import type { Preconditions } from './interfaces';

/** storage.Preconditions.Check: the uid and resourceVersion a write or delete insists on, with etcd3's messages. */
export function checkPreconditions(key: string, p: Preconditions | undefined, obj: KObject): void {
  if (!p) return;
  const meta = obj.metadata ?? {};
  if (p.uid && p.uid !== meta.uid) {
    throw storageErrors.invalidObj(key, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${meta.uid ?? ''}`);
  }
  if (p.resourceVersion && p.resourceVersion !== meta.resourceVersion) {
    throw storageErrors.invalidObj(
      key,
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`,
    );
  }
}
