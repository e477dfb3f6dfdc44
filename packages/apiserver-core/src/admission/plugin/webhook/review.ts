import { randomUUID } from 'node:crypto';
import type { Attributes } from '../../attributes';
import type { WebhookAccessor } from './types';

/** admission.k8s.io AdmissionReview versions kapi speaks, preferred first (request.CreateAdmissionObjects). */
const knownVersions = ['v1', 'v1beta1'];

export interface AdmissionResponse {
  uid?: string;
  allowed?: boolean;
  status?: { code?: number; reason?: string; message?: string };
  patch?: string;
  patchType?: string;
  auditAnnotations?: Record<string, string>;
  warnings?: string[];
}

const optionsKinds: Record<string, string> = { CREATE: 'CreateOptions', UPDATE: 'UpdateOptions', DELETE: 'DeleteOptions' };

/** The first AdmissionReview version both sides know, or an error naming the ones kapi knows. */
export function negotiateVersion(hook: WebhookAccessor): string {
  const version = hook.admissionReviewVersions.find((v) => knownVersions.includes(v));
  if (!version) throw new Error(`webhook does not accept known AdmissionReview versions (${knownVersions.join(', ')})`);
  return version;
}

/** request.CreateV1AdmissionReview: what the webhook is told of the request (same shape in v1beta1). */
export function newAdmissionReview(a: Attributes, version: string, requested: Attributes = a): { uid: string; review: object } {
  const request = newAdmissionRequest(a, requested);
  return { uid: request.uid, review: { apiVersion: `admission.k8s.io/${version}`, kind: 'AdmissionReview', request } };
}

/**
 * The AdmissionRequest of a request, with a fresh uid (webhooks get it in a review; policies see it as
 * `request`). `a` is what the webhook is called with; `requested` what the client asked for, when a
 * webhook of another version of the resource is called (requestKind, requestResource).
 */
export function newAdmissionRequest(a: Attributes, requested: Attributes = a): { uid: string } & Record<string, unknown> {
  const options = a.options && a.operation !== 'CONNECT' ? { apiVersion: 'meta.k8s.io/v1', kind: optionsKinds[a.operation], ...stripUndefined(a.options) } : a.options;
  return {
    uid: randomUUID(),
    kind: a.kind,
    resource: a.resource,
    ...(a.subresource ? { subResource: a.subresource } : {}),
    requestKind: requested.kind,
    requestResource: requested.resource,
    ...(requested.subresource ? { requestSubResource: requested.subresource } : {}),
    ...(a.name ? { name: a.name } : {}),
    ...(a.namespace ? { namespace: a.namespace } : {}),
    operation: a.operation,
    userInfo: a.userInfo ? { username: a.userInfo.name, uid: a.userInfo.uid, groups: a.userInfo.groups, extra: a.userInfo.extra } : {},
    object: a.object ?? null,
    oldObject: a.oldObject ?? null,
    dryRun: a.dryRun,
    options: options ?? null,
  };
}

function stripUndefined(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** request.VerifyAdmissionResponse: the answer is an AdmissionReview of the same version and uid, patch rules kept. */
export function verifyAdmissionResponse(uid: string, version: string, mutating: boolean, body: unknown): AdmissionResponse {
  const review = body as { apiVersion?: string; kind?: string; response?: AdmissionResponse } | null;
  if (!review || typeof review !== 'object') throw new Error('unexpected response type');
  const r = review.response;
  if (!r) throw new Error('webhook response was absent');
  if (version === 'v1') {
    if (r.uid !== uid) throw new Error(`expected response.uid="${uid}", got "${r.uid ?? ''}"`);
    if (review.apiVersion !== 'admission.k8s.io/v1' || review.kind !== 'AdmissionReview') {
      const [g, v] = (review.apiVersion ?? '').includes('/') ? (review.apiVersion ?? '').split('/') : ['', review.apiVersion ?? ''];
      throw new Error(`expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got ${g}/${v}, Kind=${review.kind ?? ''}`);
    }
    if (mutating) {
      if (r.patch && !r.patchType) throw new Error('webhook returned response.patch but not response.patchType');
      if (r.patchType && !r.patch) throw new Error('webhook returned response.patchType but not response.patch');
      if (r.patchType && r.patchType !== 'JSONPatch') throw new Error(`webhook returned invalid response.patchType of "${r.patchType}"`);
    } else {
      if (r.patch) throw new Error('validating webhook may not return response.patch');
      if (r.patchType) throw new Error('validating webhook may not return response.patchType');
    }
  }
  return r;
}
