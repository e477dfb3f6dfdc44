import type { KObject } from '../runtime/object';
import { FieldSet } from './field-set';
import { decodeManagedFields, encodeManagedFields, managerIdentity, managerOrUserAgent, nowRFC3339 } from './managed-fields';

const replicasPath = FieldSet.of(['f:spec', 'f:replicas']);

/**
 * The scale subresource's share of field management (managedfields.ScaleHandler): a write through
 * `<resource>/scale` that changes the replicas makes its manager, recorded with subresource
 * "scale" at the parent's apiVersion, the one owner of the parent's spec.replicas.
 */
export function trackScaleUpdate(old: KObject, parent: KObject, fieldManager: string | undefined, userAgent: string | undefined): void {
  const before = (old.spec as { replicas?: unknown } | undefined)?.replicas;
  const after = (parent.spec as { replicas?: unknown } | undefined)?.replicas;
  if (before === after) return;
  const managers = decodeManagedFields(old.metadata?.managedFields) ?? new Map();
  for (const [id, m] of managers) {
    m.set = m.set.difference(replicasPath);
    if (m.set.empty()) managers.delete(id);
  }
  const entry = { manager: managerOrUserAgent(fieldManager, userAgent), operation: 'Update' as const, apiVersion: parent.apiVersion ?? old.apiVersion, subresource: 'scale' };
  const id = managerIdentity(entry);
  managers.set(id, { entry: { ...entry, time: nowRFC3339() }, set: (managers.get(id)?.set ?? new FieldSet()).union(replicasPath) });
  parent.metadata = { ...parent.metadata, managedFields: encodeManagedFields(managers) as NonNullable<KObject['metadata']>['managedFields'] };
}
