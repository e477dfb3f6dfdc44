import type * as metav1 from 'kubernetes-types/meta/v1';

/** kubernetes-types marks every field readonly; the server fills metadata in, so ours are writable. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
export type ObjectMeta = Writable<metav1.ObjectMeta>;
export type ListMeta = Writable<metav1.ListMeta>;

/** Any Kubernetes object as it travels through kapi: plain JSON with typed metadata. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** A list object (ConfigMapList, …). */
export interface KList<T extends KObject = KObject> {
  apiVersion?: string;
  kind?: string;
  metadata: ListMeta;
  items: T[];
}

export interface GroupVersion {
  group: string;
  version: string;
}

export interface GroupVersionKind extends GroupVersion {
  kind: string;
}

export interface GroupVersionResource extends GroupVersion {
  resource: string;
}

export interface GroupResource {
  group: string;
  resource: string;
}

/** "apps/v1" for named groups, "v1" for the legacy group. */
export function groupVersionString(gv: GroupVersion): string {
  return gv.group === '' ? gv.version : `${gv.group}/${gv.version}`;
}

export function parseGroupVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** "configmaps" or "deployments.apps", as error messages name a resource. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

export function metaOf(obj: KObject): ObjectMeta {
  if (!obj.metadata) obj.metadata = {};
  return obj.metadata;
}

/** Deep copy of a JSON object; storage and strategies never share mutable state with callers. */
export function deepCopy<T>(obj: T): T {
  return structuredClone(obj);
}

/**
 * ObjectMeta's lists and maps are `omitempty` in Go: kube-apiserver never stores nor returns an
 * empty `ownerReferences: []` (what a strategic-merge patch deleting the last owner leaves, as the
 * garbage collector's orphaning does), so clients that test the field's presence see none here either.
 */
export function dropEmptyMetaLists(obj: KObject): void {
  const meta = obj.metadata as Record<string, unknown> | undefined;
  if (!meta) return;
  for (const f of ['ownerReferences', 'finalizers', 'managedFields']) if (Array.isArray(meta[f]) && (meta[f] as unknown[]).length === 0) delete meta[f];
  for (const f of ['labels', 'annotations']) {
    const v = meta[f];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) delete meta[f];
  }
}
