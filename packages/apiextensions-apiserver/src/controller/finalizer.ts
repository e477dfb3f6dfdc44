import { FieldSelector, LabelSelector, type KObject, type Store } from '@kapi/apiserver-core';

const everything = { labelSelector: LabelSelector.everything(), fieldSelector: FieldSelector.everything() };

/**
 * CRDFinalizer.deleteInstances: deletes every custom resource of the CRD through its storage (all
 * namespaces) and answers how many are left — objects with finalizers of their own may stay a while.
 */
export async function deleteInstances(store: Store): Promise<number> {
  const list = await store.list({}, everything);
  const results = await Promise.allSettled(list.items.map((o: KObject) => store.delete({ namespace: o.metadata?.namespace }, o.metadata!.name!, undefined, {})));
  const failed = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: number }).code !== 404);
  if (failed.length) throw new Error(`could not issue all deletes: ${(failed[0] as PromiseRejectedResult).reason}`);
  return (await store.list({}, everything)).items.length;
}
