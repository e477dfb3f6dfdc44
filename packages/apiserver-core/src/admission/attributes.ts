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

/** The name admission errors report: the request's, else the object's (a create with generateName has none). */
export function nameOf(a: Attributes): string {
  return a.name || a.object?.metadata?.name || '';
}
