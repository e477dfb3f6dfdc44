import type { AuthorizationAttributes, AuthorizationResult, UserInfo } from '@kapi/apiserver-core';

/** authorizationv1.ResourceAttributes / NonResourceAttributes as a review spec carries them. */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

/** SubjectAccessReviewSpec (SelfSubjectAccessReviewSpec is the same without the subject). */
export interface SubjectAccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
  uid?: string;
}

export interface SubjectAccessReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/**
 * ResourceAttributesFrom (pkg/registry/authorization/util): an empty version asks about every
 * version, so it is checked as "*".
 */
export function resourceAttributesFrom(user: UserInfo, in_: ResourceAttributes): AuthorizationAttributes {
  return {
    user,
    verb: in_.verb ?? '',
    resourceRequest: true,
    namespace: in_.namespace ?? '',
    apiGroup: in_.group ?? '',
    apiVersion: in_.version || '*',
    resource: in_.resource ?? '',
    subresource: in_.subresource ?? '',
    name: in_.name ?? '',
  };
}

export function nonResourceAttributesFrom(user: UserInfo, in_: NonResourceAttributes): AuthorizationAttributes {
  return { user, verb: in_.verb ?? '', resourceRequest: false, path: in_.path ?? '' };
}

/** AuthorizationAttributesFrom: the subject of a SubjectAccessReview spec, and what it asks about. */
export function authorizationAttributesFrom(spec: SubjectAccessReviewSpec): AuthorizationAttributes {
  const user: UserInfo = { name: spec.user ?? '', groups: spec.groups ?? [] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra && Object.keys(spec.extra).length) user.extra = spec.extra;
  return spec.resourceAttributes ? resourceAttributesFrom(user, spec.resourceAttributes) : nonResourceAttributesFrom(user, spec.nonResourceAttributes ?? {});
}

/** The decision as SubjectAccessReviewStatus: allowed and denied from the decision, reason and error when set. */
export function statusFrom(result: AuthorizationResult): SubjectAccessReviewStatus {
  const status: SubjectAccessReviewStatus = { allowed: result.decision === 'Allow' };
  if (result.decision === 'Deny') status.denied = true;
  if (result.reason) status.reason = result.reason;
  if (result.evaluationError) status.evaluationError = result.evaluationError;
  return status;
}

/** A review's answer never was stored: no creation time, as kube-apiserver answers (`"creationTimestamp": null`). */
export function unstoredMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  return { ...metadata, creationTimestamp: null };
}
