import type { UserInfo } from '../authentication/user';
import type { GroupResource, GroupVersionKind, GroupVersionResource, KObject } from '../runtime/object';

/** admission.Operation, spelled as AdmissionReview sends it. */
export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/**
 * admission.Attributes: what a plugin knows of one request. `object` is the object being written
 * (a mutating plugin may replace it); `oldObject` the stored one on UPDATE and DELETE; `options`
 * the CreateOptions/UpdateOptions/DeleteOptions (or a connect request's options).
 */
export interface Attributes {
  readonly name: string;
  readonly namespace: string;
  readonly resource: GroupVersionResource;
  readonly subresource: string;
  readonly operation: Operation;
  readonly options?: object;
  readonly dryRun: boolean;
  object?: KObject;
  readonly oldObject?: KObject;
  readonly kind: GroupVersionKind;
  readonly userInfo?: UserInfo;
}

/** The group and resource a Forbidden or NotFound from admission is about (errors.extractResourceName). */
export function groupResourceOf(a: Attributes): GroupResource {
  return { group: a.resource.group, resource: a.resource.resource };
}

/**
 * The name admission errors report (errors.extractResourceName): the request's, else the object's,
 * else its generateName — a mutating plugin sees a generateName create before a name is generated,
 * a validating one after — else "Unknown", as kube-apiserver 1.32 words each case.
 */
export function nameOf(a: Attributes): string {
  return a.name || a.object?.metadata?.name || a.object?.metadata?.generateName || 'Unknown';
}
