import { FieldSelector, isLister, LabelSelector, type GroupResource, type KObject, type StorageLookup } from '@kapi/apiserver-core';

/** Every object of a cluster-scoped resource the server serves; none when its group is off. */
export async function listClusterObjects(lookup: StorageLookup | undefined, resource: GroupResource): Promise<KObject[]> {
  const storage = lookup?.(resource);
  if (!storage || !isLister(storage)) return [];
  return (await storage.list({}, { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() })).items;
}

/**
 * The default class among `classes` (StorageClasses, IngressClasses): of those `isDefault` marks, the
 * newest by creation time, then the first by name — how kube's default-class plugins break a tie
 * between several classes annotated as default.
 */
export function newestDefaultClassName(classes: KObject[], isDefault: (c: KObject) => boolean): string | undefined {
  const created = (c: KObject) => Date.parse(c.metadata?.creationTimestamp ?? '') || 0;
  const defaults = classes.filter(isDefault).sort((a, b) => created(b) - created(a) || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  return defaults[0]?.metadata?.name;
}
